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

interface RollupEntry {
  key: { hour: number; tenant: string; model: string; feature: string; provider: string; status: string };
  // Counts as numbers (exact far beyond one transaction's rows), money as bigint.
  counts: number[];
  money: bigint[];
}

const MONEY_FIELDS = Object.keys(MONEY_METRIC_COLUMNS) as (keyof typeof MONEY_METRIC_COLUMNS)[];
const COUNT_COLUMNS = ['requests', 'unpriced_requests', ...TOKEN_FIELDS.map((field) => TOKEN_COLUMNS[field])];
const MAX_PARAMETERS = 30_000;

export class RollupDeltas {
  readonly #entries = new Map<string, RollupEntry>();

  /** Adds one settled row. */
  add(row: LedgerRow): void {
    const time = row.startedAt.getTime();
    const key = {
      hour: time - (time % HOUR_MS),
      tenant: row.tenant ?? '',
      model: row.model ?? '',
      feature: row.feature ?? '',
      provider: row.provider ?? '',
      status: row.status,
    };
    const mapKey = `${key.hour}\u0000${key.tenant}\u0000${key.model}\u0000${key.feature}\u0000${key.provider}\u0000${key.status}`;
    let entry = this.#entries.get(mapKey);
    if (entry === undefined) {
      entry = { key, counts: COUNT_COLUMNS.map(() => 0), money: MONEY_FIELDS.map(() => 0n) };
      this.#entries.set(mapKey, entry);
    }
    entry.counts[0]! += 1;
    if (row.unpriced) entry.counts[1]! += 1;
    for (let index = 0; index < TOKEN_FIELDS.length; index++) entry.counts[index + 2]! += row[TOKEN_FIELDS[index]!] ?? 0;
    for (let index = 0; index < MONEY_FIELDS.length; index++) {
      const amount = row[MONEY_FIELDS[index]!];
      if (amount !== null) entry.money[index]! += amount;
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * Hands each accumulated key to `write` as one row of values: hour, tenant, model, feature,
   * provider, status, then ROLLUP_SUM_COLUMNS in order; then forgets them.
   */
  drainRows(write: (values: (number | bigint | string)[]) => void): void {
    for (const { key, counts, money } of this.#entries.values()) {
      const values: (number | bigint | string)[] = [key.hour, key.tenant, key.model, key.feature, key.provider, key.status, counts[0]!, counts[1]!];
      for (const amount of money) values.push(amount);
      for (let index = 2; index < counts.length; index++) values.push(counts[index]!);
      write(values);
    }
    this.#entries.clear();
  }

  /** Upserts the accumulated increments (inside the caller's transaction). */
  async writeTo(db: Kysely<LedgerDatabase>): Promise<void> {
    const values = [...this.#entries.values()].map((entry) => {
      const value: Record<string, unknown> = { ...entry.key };
      COUNT_COLUMNS.forEach((column, index) => (value[column] = entry.counts[index]));
      MONEY_FIELDS.forEach((field, index) => (value[MONEY_METRIC_COLUMNS[field]] = entry.money[index]));
      return value;
    });
    const chunkSize = Math.floor(MAX_PARAMETERS / (6 + ROLLUP_SUM_COLUMNS.length));
    for (let start = 0; start < values.length; start += chunkSize) {
      await db
        .insertInto('ledger_rollup_hourly')
        .values(values.slice(start, start + chunkSize) as never)
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
