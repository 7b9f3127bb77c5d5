/**
 * The usage() SQL, over raw rows or the hourly rollup: the same builder serves both so the two
 * answers cannot drift apart. Every grouped expression is parameter-free (literals only), since
 * Postgres matches SELECT and GROUP BY expressions by text and `$1` never equals `$7`.
 * Absent values group as '' (read back as null), the same way the rollup stores them.
 */
import { sql, type AliasedExpression, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { UsageGroup, UsageQuery } from '../../core/ports/index.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { MONEY_METRIC_COLUMNS, TOKEN_COLUMNS, TOKEN_FIELDS } from './ledger-fields.ts';
import { readNumber } from './read-sql-value.ts';
import { DAY_MS, HOUR_MS } from './rollup-deltas.ts';
import { parseDimension, type ParsedDimension } from './usage-dimensions.ts';
import { readUsageMetrics } from './usage-metrics.ts';

export type UsageSource = 'raw' | 'rollup';

const SUMMED_COLUMNS = [...Object.values(MONEY_METRIC_COLUMNS), ...TOKEN_FIELDS.map((field) => TOKEN_COLUMNS[field])];

/** Runs the grouped sums; groups come back unordered. */
export async function selectUsageGroups(db: Kysely<LedgerDatabase>, query: UsageQuery, source: UsageSource): Promise<UsageGroup[]> {
  // Dimensions are only known at run time, so this one query is built on an untyped view.
  const loose = db as unknown as Kysely<any>;
  const time = source === 'raw' ? 'r.started_at' : 'r.hour';
  let builder = loose.selectFrom(source === 'raw' ? 'ledger_requests as r' : 'ledger_rollup_hourly as r');
  // In-flight rows have no outcome yet; the rollup only ever holds settled rows.
  if (source === 'raw') builder = builder.where('r.status', '!=', 'started');
  if (query.since !== undefined) builder = builder.where(time, '>=', query.since.getTime());
  if (query.until !== undefined) builder = builder.where(time, '<', query.until.getTime());
  for (const [name, value] of Object.entries(query.where ?? {})) {
    if (value === undefined) continue;
    const dimension = parseDimension(name);
    builder = builder.where((eb) => filterFor(eb, dimension, value ?? '', source));
  }

  const grouped: Expression<unknown>[] = [];
  const selections: AliasedExpression<unknown, string>[] = [];
  const dimensions = (query.groupBy ?? []).map(parseDimension);
  dimensions.forEach((dimension, index) => {
    let expression: Expression<unknown>;
    if (dimension.kind === 'tag') {
      const alias = `t${index}`;
      builder = builder.leftJoin(`ledger_tags as ${alias}`, (join) =>
        join.onRef(`${alias}.request_id`, '=', 'r.id').on(`${alias}.name`, '=', dimension.tag),
      );
      expression = sql`coalesce(${sql.ref(`${alias}.value`)}, '')`;
    } else {
      expression = source === 'raw' ? sql`coalesce(${sql.ref(`r.${dimension.column}`)}, '')` : sql.ref(`r.${dimension.column}`);
    }
    grouped.push(expression);
    selections.push(sql`${expression}`.as(`g${index}`));
  });
  if (query.bucket !== undefined) {
    const size = sql.lit(query.bucket === 'hour' ? HOUR_MS : DAY_MS);
    const expression = sql`${sql.ref(time)} - (${sql.ref(time)} % ${size})`;
    grouped.push(expression);
    selections.push(expression.as('bucket'));
  }

  if (source === 'raw') {
    selections.push(sql`count(*)`.as('requests'), sql`sum(${sql.ref('r.unpriced')})`.as('unpriced_requests'));
  } else {
    selections.push(sql`sum(${sql.ref('r.requests')})`.as('requests'), sql`sum(${sql.ref('r.unpriced_requests')})`.as('unpriced_requests'));
  }
  for (const column of SUMMED_COLUMNS) selections.push(sql`sum(${sql.ref(`r.${column}`)})`.as(column));

  let selecting = builder.select(selections as never);
  if (grouped.length > 0) selecting = selecting.groupBy(grouped as never);
  const records = (await selecting.execute()) as Record<string, unknown>[];

  const groups: UsageGroup[] = [];
  for (const record of records) {
    const metrics = readUsageMetrics(record);
    // An aggregate without GROUP BY returns one all-zero row even when nothing matched.
    if (metrics.requests === 0) continue;
    const group: Record<string, string | null> = {};
    dimensions.forEach((dimension, index) => {
      const value = record[`g${index}`];
      group[dimension.name] = value === null || value === undefined || value === '' ? null : String(value);
    });
    const usage: UsageGroup = { group, ...metrics };
    if (query.bucket !== undefined) usage.bucket = new Date(readNumber(record.bucket)!);
    groups.push(usage);
  }
  return groups;
}

function filterFor(eb: ExpressionBuilder<any, any>, dimension: ParsedDimension, value: string, source: UsageSource): Expression<SqlBool> {
  if (dimension.kind === 'tag') {
    const tagged = (match: Expression<SqlBool>) =>
      eb.exists(
        eb
          .selectFrom('ledger_tags as f')
          .select(sql.lit(1).as('one'))
          .whereRef('f.request_id', '=', 'r.id')
          .where('f.name', '=', dimension.tag)
          .where(match),
      );
    return value === '' ? eb.not(tagged(eb('f.value', '<>', ''))) : tagged(eb('f.value', '=', value));
  }
  const column = `r.${dimension.column}`;
  if (value !== '' || source === 'rollup') return eb(column, '=', value);
  return eb.or([eb(column, 'is', null), eb(column, '=', '')]);
}
