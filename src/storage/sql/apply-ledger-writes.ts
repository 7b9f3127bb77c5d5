/**
 * Applies one group-commit batch inside a transaction: opens, finalizes, recoveries in order,
 * and the rollup increments of every settled row last, so raw rows and rollups never disagree.
 */
import type { Kysely } from 'kysely';
import type { LedgerRow } from '../../core/ports/index.ts';
import type { Settled } from '../group-commit.ts';
import { LedgerStoreError } from '../ledger-store-error.ts';
import type { LedgerDatabase } from './ledger-database.ts';
import { columnsToRow, type LedgerColumnValues } from './ledger-row-columns.ts';
import { freezeRow } from './freeze-row.ts';
import type { LedgerWriteTemplates } from './ledger-write-templates.ts';
import { RollupDeltas } from './rollup-deltas.ts';

export type LedgerWrite =
  | { kind: 'open'; row: LedgerRow; columns: LedgerColumnValues }
  | { kind: 'finalize'; id: string; fields: Partial<LedgerRow>; columns: LedgerColumnValues }
  | { kind: 'recover'; now: Date };

export type LedgerWriteResult = LedgerRow | number;

export interface LedgerWriteContext {
  templates: LedgerWriteTemplates;
  /**
   * Rows this store opened and committed that are still `started`, as written. Settling one of
   * them needs no read-back: the settled row is this row with the patch applied.
   */
  inFlight: ReadonlyMap<string, LedgerRow>;
}

/** Applies the writes as if in order; per-write failures are outcomes, driver errors throw (rollback). */
export async function applyLedgerWrites(
  db: Kysely<LedgerDatabase>,
  writes: readonly LedgerWrite[],
  context: LedgerWriteContext,
): Promise<Settled<LedgerWriteResult>[]> {
  const rollup = new RollupDeltas();
  const outcomes: Settled<LedgerWriteResult>[] = new Array(writes.length);
  let start = 0;
  while (start < writes.length) {
    // A recovery must not see rows opened after it was asked for, so it splits the batch.
    let end = start;
    while (end < writes.length && writes[end]!.kind !== 'recover') end++;
    await applySegment(db, writes, start, end, outcomes, context, rollup);
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
  outcomes: Settled<LedgerWriteResult>[],
  context: LedgerWriteContext,
  rollup: RollupDeltas,
): Promise<void> {
  const rows: LedgerColumnValues[] = [];
  const tags: Record<string, string>[] = [];
  const openedAt = new Map<string, number>();
  for (let index = start; index < end; index++) {
    const write = writes[index]!;
    if (write.kind !== 'open') continue;
    rows.push(write.columns);
    for (const name in write.row.tags) tags.push({ request_id: write.row.id, name, value: write.row.tags[name]! });
    openedAt.set(write.row.id, index);
    outcomes[index] = { ok: true, value: write.row };
  }
  await context.templates.rows.insert(db, rows);
  await context.templates.tags.insert(db, tags);
  for (let index = start; index < end; index++) {
    const write = writes[index]!;
    if (write.kind !== 'finalize') continue;
    const opened = openedAt.get(write.id);
    outcomes[index] =
      opened !== undefined && opened > index
        ? { ok: false, error: new LedgerStoreError('not_found', `no ledger row with id ${write.id}; open() it before finalize()`) }
        : await finalizeRow(db, write, context, rollup);
  }
}

async function finalizeRow(
  db: Kysely<LedgerDatabase>,
  write: Extract<LedgerWrite, { kind: 'finalize' }>,
  context: LedgerWriteContext,
  rollup: RollupDeltas,
): Promise<Settled<LedgerRow>> {
  // Only a `started` row may settle: a second finalize would count the request twice in rollups.
  let row: LedgerRow;
  const known = context.inFlight.get(write.id);
  if (known !== undefined) {
    const settle = context.templates.settle(Object.keys(write.columns));
    const parameters = settle.parameterNames.map((name) => (name === '$id' ? write.id : name === '$status' ? 'started' : write.columns[name]));
    const result = await settle.executeWith(db, parameters);
    if (result.numAffectedRows !== 1n) return { ok: false, error: await explainMissing(db, write.id) };
    row = freezeRow({ ...known, ...write.fields });
  } else {
    // Opened elsewhere (another process, or this very batch): read the settled row back.
    const record = await db
      .updateTable('ledger_requests')
      .set(write.columns)
      .where('id', '=', write.id)
      .where('status', '=', 'started')
      .returningAll()
      .executeTakeFirst();
    if (record === undefined) return { ok: false, error: await explainMissing(db, write.id) };
    row = freezeRow(columnsToRow(record));
  }
  if (write.fields.tags !== undefined) {
    await db.deleteFrom('ledger_tags').where('request_id', '=', row.id).execute();
    const pairs = Object.entries(row.tags).map(([name, value]) => ({ request_id: row.id, name, value }));
    await context.templates.tags.insert(db, pairs);
  }
  rollup.add(row);
  return { ok: true, value: row };
}

async function explainMissing(db: Kysely<LedgerDatabase>, id: string): Promise<LedgerStoreError> {
  const existing = await db.selectFrom('ledger_requests').select('status').where('id', '=', id).executeTakeFirst();
  if (existing === undefined) return new LedgerStoreError('not_found', `no ledger row with id ${id}; open() it before finalize()`);
  return new LedgerStoreError('conflict', `ledger row ${id} is already settled (status ${existing.status}); a row is finalized once`);
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
