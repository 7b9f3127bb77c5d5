/**
 * The portable applier: one group-commit batch inside a Kysely transaction. Opens, finalizes,
 * recoveries in order, and the rollup increments of every settled row last, so raw rows and
 * rollups never disagree. Any SQL dialect Kysely speaks runs it; SQLite uses the faster
 * prepared-statement applier in ../sqlite, which gives the same outcomes.
 */
import type { Kysely } from 'kysely';
import type { LedgerRow } from '../../core/ports/index.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { columnsToRow } from './ledger-row-columns.ts';
import { freezeRow } from './freeze-row.ts';
import { LedgerWriteTemplates } from './ledger-write-templates.ts';
import {
  conflictError,
  notFoundError,
  settledRow,
  type LedgerFinalizeWrite,
  type LedgerWrite,
  type LedgerWriteApplier,
  type LedgerWriteContext,
  type LedgerWriteOutcomes,
} from './ledger-writes.ts';
import { RollupDeltas } from './rollup-deltas.ts';
import type { Settled } from '../group-commit.ts';

/** An applier that runs each batch in a transaction of `db`. */
export function kyselyLedgerWriter(db: Kysely<LedgerDatabase>): LedgerWriteApplier {
  const templates = new LedgerWriteTemplates(db);
  return (writes, context) => db.transaction().execute((transaction) => applyLedgerWrites(transaction, writes, context, templates));
}

/** Applies the writes as if in order; per-write failures are outcomes, driver errors throw (rollback). */
export async function applyLedgerWrites(
  db: Kysely<LedgerDatabase>,
  writes: readonly LedgerWrite[],
  context: LedgerWriteContext,
  templates: LedgerWriteTemplates,
): Promise<LedgerWriteOutcomes> {
  const rollup = new RollupDeltas();
  const outcomes: LedgerWriteOutcomes = new Array(writes.length);
  let start = 0;
  while (start < writes.length) {
    // A recovery must not see rows opened after it was asked for, so it splits the batch.
    let end = start;
    while (end < writes.length && writes[end]!.kind !== 'recover') end++;
    await applySegment(db, writes, start, end, outcomes, context, templates, rollup);
    const recover = writes[end];
    if (recover?.kind === 'recover') outcomes[end] = { ok: true, value: await recoverStarted(db, recover.now, rollup) };
    start = end + 1;
  }
  await rollup.writeTo(db);
  return outcomes;
}

/**
 * Inserts every open of the segment first, with multi-row statements, then settles the
 * finalizes in order. The result is the same as strict order because a finalize can only see
 * opens issued before it: one aimed at a row opened later in the segment answers not_found.
 */
async function applySegment(
  db: Kysely<LedgerDatabase>,
  writes: readonly LedgerWrite[],
  start: number,
  end: number,
  outcomes: LedgerWriteOutcomes,
  context: LedgerWriteContext,
  templates: LedgerWriteTemplates,
  rollup: RollupDeltas,
): Promise<void> {
  const rows: (readonly unknown[])[] = [];
  const tags: string[][] = [];
  const openedAt = new Map<string, number>();
  for (let index = start; index < end; index++) {
    const write = writes[index]!;
    if (write.kind !== 'open') continue;
    rows.push(write.values);
    for (const name in write.row.tags) tags.push([write.row.id, name, write.row.tags[name]!]);
    openedAt.set(write.row.id, index);
    outcomes[index] = { ok: true, value: write.row };
  }
  await templates.rows.insert(db, rows);
  await templates.tags.insert(db, tags);
  for (let index = start; index < end; index++) {
    const write = writes[index]!;
    if (write.kind !== 'finalize') continue;
    const opened = openedAt.get(write.id);
    outcomes[index] = opened !== undefined && opened > index ? { ok: false, error: notFoundError(write.id) } : await finalizeRow(db, write, context, templates, rollup);
  }
}

async function finalizeRow(
  db: Kysely<LedgerDatabase>,
  write: LedgerFinalizeWrite,
  context: LedgerWriteContext,
  templates: LedgerWriteTemplates,
  rollup: RollupDeltas,
): Promise<Settled<LedgerRow>> {
  // Only a `started` row may settle: a second finalize would count the request twice in rollups.
  let row: LedgerRow;
  const known = context.inFlight.get(write.id);
  if (known !== undefined) {
    const settle = templates.settle(write.columns);
    const parameters = settle.parameterNames.map((name) =>
      name === '$id' ? write.id : name === '$status' ? 'started' : write.parameters[write.columns.indexOf(name)],
    );
    const result = await settle.executeWith(db, parameters);
    if (result.numAffectedRows !== 1n) return { ok: false, error: await explainMissing(db, write.id) };
    row = settledRow(known, write);
  } else {
    // Opened elsewhere (another process, or this very batch): read the settled row back.
    const set = Object.fromEntries(write.columns.map((column, index) => [column, write.parameters[index]]));
    const record = await db
      .updateTable('ledger_requests')
      .set(set as never)
      .where('id', '=', write.id)
      .where('status', '=', 'started')
      .returningAll()
      .executeTakeFirst();
    if (record === undefined) return { ok: false, error: await explainMissing(db, write.id) };
    row = freezeRow(columnsToRow(record));
  }
  if (write.fields.tags !== undefined) {
    await db.deleteFrom('ledger_tags').where('request_id', '=', row.id).execute();
    const pairs = Object.entries(row.tags).map(([name, value]) => [row.id, name, value]);
    await templates.tags.insert(db, pairs);
  }
  rollup.add(row);
  return { ok: true, value: row };
}

async function explainMissing(db: Kysely<LedgerDatabase>, id: string): Promise<Error> {
  const existing = await db.selectFrom('ledger_requests').select('status').where('id', '=', id).executeTakeFirst();
  return existing === undefined ? notFoundError(id) : conflictError(id, existing.status);
}

async function recoverStarted(db: Kysely<LedgerDatabase>, now: Date, rollup: RollupDeltas): Promise<number> {
  const records = await db
    .updateTable('ledger_requests')
    .set((eb) => ({
      status: 'unknown_outcome',
      ended_at: now.getTime(),
      usage_source: 'estimated',
      // Charged at the reservation, except an unpriced row, whose cost stays unknown (null).
      cost_usd: eb.case().when('unpriced', '=', 0).then(eb.ref('reserved_usd')).else(null).end().$castTo<bigint | null>(),
    }))
    .where('status', '=', 'started')
    .returningAll()
    .execute();
  for (const record of records) rollup.add(columnsToRow(record));
  return records.length;
}
