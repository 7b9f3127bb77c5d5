/**
 * What a counter starts at when it is created: the ledger's spend in its scope over the part of its
 * period up to when the budget took effect. Requests admitted since then reserve and settle on the
 * counter themselves, so none is counted twice, and "each total equals its rows" holds for a budget
 * created mid-period too. A period that began after the budget took effect needs no query at all.
 */
import type Database from 'better-sqlite3';
import type { ScopeFilter } from '../../core/budgets/index.ts';

const COLUMNS = [
  ['tenant', 'tenant'],
  ['keyId', 'key_id'],
  ['user', 'user'],
  ['project', 'project'],
  ['feature', 'feature'],
] as const;

/** Sums settled ledger rows matching `filter` started in [startMs, endMs); prepared statements are kept per filter shape. */
export function createSeedSpend(db: Database.Database): (filter: ScopeFilter, startMs: number, endMs: number) => bigint {
  const statements = new Map<string, Database.Statement>();
  return (filter, startMs, endMs) => {
    if (endMs <= startMs) return 0n;
    const conditions = ["r.status <> 'started'", 'r.started_at >= ?', 'r.started_at < ?'];
    const values: unknown[] = [startMs, endMs];
    for (const [field, column] of COLUMNS) {
      const value = filter[field];
      if (value === undefined) continue;
      conditions.push(`r."${column}" = ?`);
      values.push(value);
    }
    if (filter.tag) {
      conditions.push('exists (select 1 from ledger_tags t where t.request_id = r.id and t.name = ? and t.value = ?)');
      values.push(filter.tag.name, filter.tag.value);
    }
    const sql = `select coalesce(sum(r.cost_usd), 0) as spent from ledger_requests r where ${conditions.join(' and ')}`;
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return BigInt((statement.get(...values) as { spent: bigint | number }).spent);
  };
}
