/** listRequests(): filtered, newest first, keyset-paged on the sortable id. */
import type { Kysely } from 'kysely';
import type { ListRequestsPage, ListRequestsQuery } from '../../core/ports/index.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { columnsToRow } from './ledger-row-columns.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** One page of rows; the cursor is the last id returned (ids sort by start time). */
export async function listLedgerRequests(db: Kysely<LedgerDatabase>, query: ListRequestsQuery): Promise<ListRequestsPage> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new LedgerStoreError('invalid_input', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  let builder = db.selectFrom('ledger_requests').selectAll();
  if (query.since !== undefined) builder = builder.where('started_at', '>=', query.since.getTime());
  if (query.until !== undefined) builder = builder.where('started_at', '<', query.until.getTime());
  if (query.tenant !== undefined) builder = builder.where('tenant', '=', query.tenant);
  if (query.user !== undefined) builder = builder.where('user', '=', query.user);
  if (query.feature !== undefined) builder = builder.where('feature', '=', query.feature);
  if (query.model !== undefined) builder = builder.where('model', '=', query.model);
  if (query.status !== undefined) builder = builder.where('status', '=', query.status);
  if (query.cursor) builder = builder.where('id', '<', query.cursor);
  // One extra row tells whether another page exists without a COUNT.
  const records = await builder.orderBy('id', 'desc').limit(limit + 1).execute();
  const rows = records.slice(0, limit).map(columnsToRow);
  return { rows, nextCursor: records.length > limit ? rows[rows.length - 1]!.id : null };
}
