/** A LedgerReader over a LedgerStore: the same conversions the admin API applies. */
import type { LedgerStore } from '../core/ports/index.ts';
import type { LedgerReader } from './ledger-reader.ts';
import { rowToJson } from './row-to-json.ts';
import { usageToJson } from './usage-to-json.ts';

/** `closeStore` says whether close() releases the store (true when the reader opened it). */
export function storeLedgerReader(store: LedgerStore, options: { closeStore: boolean }): LedgerReader {
  return {
    async listRequests(query) {
      const page = await store.listRequests(query);
      return { data: page.rows.map(rowToJson), next_cursor: page.nextCursor };
    },
    async usage(query) {
      return usageToJson(await store.usage(query));
    },
    async close() {
      if (options.closeStore) await store.close();
    },
  };
}
