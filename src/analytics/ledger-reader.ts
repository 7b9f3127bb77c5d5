/**
 * Read access to the ledger in its public JSON form, from either side of the admin API: the store
 * itself or the API over HTTP. Commands written against it print the same bytes either way.
 */
import type { ListRequestsQuery, UsageQuery } from '../core/ports/index.ts';
import type { LedgerRowJson } from './row-to-json.ts';
import type { UsageJson } from './usage-to-json.ts';

export interface RequestsPageJson {
  data: LedgerRowJson[];
  next_cursor: string | null;
}

export interface LedgerReader {
  listRequests(query: ListRequestsQuery): Promise<RequestsPageJson>;
  usage(query: UsageQuery): Promise<UsageJson>;
  close(): Promise<void>;
}
