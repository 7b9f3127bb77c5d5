/**
 * Accumulates the hourly-rollup increments of the rows a transaction settles, then applies
 * them with one upsert per (hour, tenant, model, feature, provider, status) key. Summing in
 * memory first keeps the upsert small and avoids touching the same key twice in one statement,
 * which Postgres refuses.
 */
import { sql, type Kysely } from 'kysely';
import type { LedgerRow } from '../../core/ports/index.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { MONEY_METRIC_COLUMNS, TOKEN_COLUMNS, TOKEN_FIELDS } from './ledger-fields.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Rollup columns that hold sums, in a fixed order. */
export const ROLLUP_SUM_COLUMNS = [
  'requests',
  'unpriced_requests',
  ...Object.values(MONEY_METRIC_COLUMNS),
  ...TOKEN_FIELDS.map((field) => TOKEN_COLUMNS[field]),
] as const;

type RollupSumColumn = (typeof ROLLUP_SUM_COLUMNS)[number];

interface RollupEntry {
  key: { hour: number; tenant: string; model: string; feature: string; provider: string; status: string };
  sums: Record<RollupSumColumn, bigint>;
}

const MAX_PARAMETERS = 30_000;

export class RollupDeltas {
  readonly #entries = new Map<string, RollupEntry>();

  /** Adds one settled row. */
  add(row: LedgerRow): void {
    const key = {
      hour: row.startedAt.getTime() - (row.startedAt.getTime() % HOUR_MS),
      tenant: row.tenant ?? '',
      model: row.model ?? '',
      feature: row.feature ?? '',
      provider: row.provider ?? '',
      status: row.status,
    };
    const mapKey = `${key.hour}\u0000${key.tenant}\u0000${key.model}\u0000${key.feature}\u0000${key.provider}\u0000${key.status}`;
    let entry = this.#entries.get(mapKey);
    if (entry === undefined) {
      const sums = Object.fromEntries(ROLLUP_SUM_COLUMNS.map((column) => [column, 0n])) as Record<RollupSumColumn, bigint>;
      entry = { key, sums };
      this.#entries.set(mapKey, entry);
    }
    const sums = entry.sums;
    sums.requests += 1n;
    if (row.unpriced) sums.unpriced_requests += 1n;
    for (const [field, column] of Object.entries(MONEY_METRIC_COLUMNS) as [keyof typeof MONEY_METRIC_COLUMNS, RollupSumColumn][]) {
      sums[column] += row[field] ?? 0n;
    }
    for (const field of TOKEN_FIELDS) sums[TOKEN_COLUMNS[field]] += BigInt(row[field] ?? 0);
  }

  /** Upserts the accumulated increments (inside the caller's transaction). */
  async writeTo(db: Kysely<LedgerDatabase>): Promise<void> {
    const values = [...this.#entries.values()].map((entry) => ({ ...entry.key, ...entry.sums }));
    const chunkSize = Math.floor(MAX_PARAMETERS / (6 + ROLLUP_SUM_COLUMNS.length));
    for (let start = 0; start < values.length; start += chunkSize) {
      await db
        .insertInto('ledger_rollup_hourly')
        .values(values.slice(start, start + chunkSize))
        .onConflict((conflict) =>
          conflict
            .columns(['hour', 'tenant', 'model', 'feature', 'provider', 'status'])
            .doUpdateSet(Object.fromEntries(ROLLUP_SUM_COLUMNS.map((column) => [column, sql`${sql.ref(`ledger_rollup_hourly.${column}`)} + ${sql.ref(`excluded.${column}`)}`]))),
        )
        .execute();
    }
    this.#entries.clear();
  }
}
