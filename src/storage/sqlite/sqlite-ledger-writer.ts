/**
 * SQLite's ledger write path: a group-commit batch applied synchronously in one
 * `BEGIN IMMEDIATE … COMMIT` with statements prepared once on the raw better-sqlite3 connection.
 * Same outcomes as the portable Kysely applier (../sql/apply-ledger-writes.ts), without its
 * per-query cost (compiling the rollup upsert and read-backs on every call, a connection mutex,
 * promises around each statement), which made up most of the ledger's CPU per request.
 *
 * Per batch: the opens of a segment are inserted (one single-row statement each; a row opened and
 * finalized in the same batch is inserted settled, in one statement); finalizes update their row
 * in place (`WHERE status = 'started'`, so a row settles once) without reading it back when this
 * store opened it; tag pairs are written only for rows that have tags; the hourly rollup gets one
 * upsert per key touched, in the same transaction.
 */
import type Database from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { LedgerRow } from '../../core/ports/index.ts';
import type { Settled } from '../group-commit.ts';
import { freezeRow } from '../sql/freeze-row.ts';
import { LEDGER_COLUMN_INDEX, LEDGER_COLUMNS } from '../sql/ledger-fields.ts';
import type { LedgerRequestsTable } from '../sql/ledger-database.ts';
import { columnsToRow } from '../sql/ledger-row-columns.ts';
import {
  conflictError,
  notFoundError,
  settledRow,
  type LedgerFinalizeWrite,
  type LedgerOpenWrite,
  type LedgerWrite,
  type LedgerWriteContext,
  type LedgerWriteOutcomes,
  type SqlValue,
} from '../sql/ledger-writes.ts';
import { ROLLUP_SUM_COLUMNS, RollupDeltas } from '../sql/rollup-deltas.ts';

const ROLLUP_KEY_COLUMNS = ['hour', 'tenant', 'model', 'feature', 'provider', 'status'] as const;
/** Distinct finalize shapes kept prepared; a gateway uses a handful. */
const MAX_SETTLE_SHAPES = 64;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** An open waiting to be inserted in the current segment, possibly settled by a later finalize. */
interface PendingOpen {
  write: LedgerOpenWrite;
  /** Set once a finalize of the same batch settled it: the values and row to insert instead. */
  settled?: { values: SqlValue[]; row: LedgerRow };
}

export class SqliteLedgerWriter {
  readonly #database: Database.Database;
  readonly #insertRow: Database.Statement;
  readonly #insertTag: Database.Statement;
  readonly #deleteTags: Database.Statement;
  readonly #statusOf: Database.Statement;
  readonly #upsertRollup: Database.Statement;
  readonly #recover: Database.Statement;
  readonly #settles = new Map<string, Database.Statement>();
  readonly #settlesReturning = new Map<string, Database.Statement>();
  readonly #transaction: Database.Transaction<(writes: readonly LedgerWrite[], context: LedgerWriteContext) => LedgerWriteOutcomes>;

  constructor(database: Database.Database) {
    this.#database = database;
    this.#insertRow = database.prepare(`INSERT INTO "ledger_requests" (${LEDGER_COLUMNS.map(quote).join(', ')}) VALUES (${placeholders(LEDGER_COLUMNS.length)})`);
    this.#insertTag = database.prepare('INSERT INTO "ledger_tags" ("request_id", "name", "value") VALUES (?, ?, ?)');
    this.#deleteTags = database.prepare('DELETE FROM "ledger_tags" WHERE "request_id" = ?');
    this.#statusOf = database.prepare('SELECT "status" FROM "ledger_requests" WHERE "id" = ?');
    const rollupColumns = [...ROLLUP_KEY_COLUMNS, ...ROLLUP_SUM_COLUMNS];
    this.#upsertRollup = database.prepare(
      `INSERT INTO "ledger_rollup_hourly" (${rollupColumns.map(quote).join(', ')}) VALUES (${placeholders(rollupColumns.length)}) ` +
        `ON CONFLICT (${ROLLUP_KEY_COLUMNS.map(quote).join(', ')}) DO UPDATE SET ` +
        ROLLUP_SUM_COLUMNS.map((column) => `${quote(column)} = "ledger_rollup_hourly".${quote(column)} + "excluded".${quote(column)}`).join(', '),
    );
    // Charged at the reservation, except an unpriced row, whose cost stays unknown (null).
    this.#recover = database.prepare(
      `UPDATE "ledger_requests" SET "status" = 'unknown_outcome', "ended_at" = ?, "usage_source" = 'estimated', ` +
        `"cost_usd" = CASE WHEN "unpriced" = 0 THEN "reserved_usd" ELSE NULL END WHERE "status" = 'started' RETURNING *`,
    );
    this.#transaction = database.transaction((writes: readonly LedgerWrite[], context: LedgerWriteContext) => this.#apply(writes, context));
  }

  /**
   * Applies the writes as if in order, in one transaction that holds the write lock from its
   * start (so it never fails half-way on a lock upgrade). Per-write failures are outcomes; a
   * driver error rolls the transaction back and throws.
   */
  apply(writes: readonly LedgerWrite[], context: LedgerWriteContext): LedgerWriteOutcomes {
    return this.#transaction.immediate(writes, context);
  }

  #apply(writes: readonly LedgerWrite[], context: LedgerWriteContext): LedgerWriteOutcomes {
    const outcomes: LedgerWriteOutcomes = new Array(writes.length);
    const rollup = new RollupDeltas();
    let start = 0;
    while (start < writes.length) {
      // A recovery must not see rows opened after it was asked for, so it splits the batch.
      let end = start;
      while (end < writes.length && writes[end]!.kind !== 'recover') end++;
      if (end - start === 1) this.#applyOne(writes[start]!, start, outcomes, context, rollup);
      else if (end > start) this.#applySegment(writes, start, end, outcomes, context, rollup);
      const recover = writes[end];
      if (recover?.kind === 'recover') outcomes[end] = { ok: true, value: this.#recoverStarted(recover.now, rollup) };
      start = end + 1;
    }
    if (rollup.size > 0) rollup.drainRows((values) => this.#upsertRollup.run(values));
    return outcomes;
  }

  /** A segment of one write: the low-load case, without the segment bookkeeping. */
  #applyOne(write: LedgerWrite, index: number, outcomes: LedgerWriteOutcomes, context: LedgerWriteContext, rollup: RollupDeltas): void {
    if (write.kind === 'open') {
      this.#insert(write.values, write.row);
      outcomes[index] = { ok: true, value: write.row };
    } else if (write.kind === 'finalize') {
      outcomes[index] = this.#finalize(write, context, rollup);
    }
  }

  /**
   * Opens are inserted before the finalizes that reach the database run, and a finalize of a row
   * opened earlier in the segment settles it before it is inserted. The result is the same as
   * strict order because a finalize can only see opens issued before it: one aimed at a row
   * opened later in the segment answers not_found.
   */
  #applySegment(
    writes: readonly LedgerWrite[],
    start: number,
    end: number,
    outcomes: LedgerWriteOutcomes,
    context: LedgerWriteContext,
    rollup: RollupDeltas,
  ): void {
    const opens = new Map<string, PendingOpen>();
    const finalizes: number[] = [];
    for (let index = start; index < end; index++) {
      const write = writes[index]!;
      if (write.kind === 'open') {
        // Rolls the batch back; retried alone, the second open fails on its own (duplicate id).
        if (opens.has(write.row.id)) throw new Error(`ledger row ${write.row.id} is opened twice in one batch`);
        opens.set(write.row.id, { write });
        outcomes[index] = { ok: true, value: write.row };
      } else if (write.kind === 'finalize') {
        const pending = opens.get(write.id);
        if (pending === undefined) finalizes.push(index);
        else outcomes[index] = settlePending(pending, write, rollup);
      }
    }
    for (const { write, settled } of opens.values()) {
      if (settled === undefined) this.#insert(write.values, write.row);
      else this.#insert(settled.values, settled.row);
    }
    for (const index of finalizes) {
      const write = writes[index] as LedgerFinalizeWrite;
      // Its id is opened later in the segment (an earlier open would have been settled above).
      outcomes[index] = opens.has(write.id) ? { ok: false, error: notFoundError(write.id) } : this.#finalize(write, context, rollup);
    }
  }

  #insert(values: readonly SqlValue[], row: LedgerRow): void {
    this.#insertRow.run(values);
    for (const name in row.tags) this.#insertTag.run(row.id, name, row.tags[name]!);
  }

  #finalize(write: LedgerFinalizeWrite, context: LedgerWriteContext, rollup: RollupDeltas): Settled<LedgerRow> {
    // Only a `started` row may settle: a second finalize would count the request twice in rollups.
    let row: LedgerRow;
    const known = context.inFlight.get(write.id);
    if (known !== undefined) {
      const { changes } = this.#settle(this.#settles, write, '').run(write.parameters);
      if (Number(changes) !== 1) return { ok: false, error: this.#explainMissing(write.id) };
      row = settledRow(known, write);
    } else {
      // Opened elsewhere (another process, or before this store remembered it): read it back.
      const record = this.#settle(this.#settlesReturning, write, ' RETURNING *').get(write.parameters);
      if (record === undefined) return { ok: false, error: this.#explainMissing(write.id) };
      row = freezeRow(columnsToRow(record as Selectable<LedgerRequestsTable>));
    }
    if (write.fields.tags !== undefined) {
      this.#deleteTags.run(row.id);
      for (const name in row.tags) this.#insertTag.run(row.id, name, row.tags[name]!);
    }
    rollup.add(row);
    return { ok: true, value: row };
  }

  /** The prepared `UPDATE … SET <shape> WHERE id = ? AND status = 'started'<suffix>`. */
  #settle(cache: Map<string, Database.Statement>, write: LedgerFinalizeWrite, suffix: string): Database.Statement {
    let statement = cache.get(write.shape);
    if (statement === undefined) {
      if (cache.size >= MAX_SETTLE_SHAPES) cache.clear();
      const set = write.columns.map((column) => `${quote(column)} = ?`).join(', ');
      statement = this.#database.prepare(`UPDATE "ledger_requests" SET ${set} WHERE "id" = ? AND "status" = 'started'${suffix}`);
      cache.set(write.shape, statement);
    }
    return statement;
  }

  #explainMissing(id: string): Error {
    const existing = this.#statusOf.get(id) as { status: string } | undefined;
    return existing === undefined ? notFoundError(id) : conflictError(id, existing.status);
  }

  #recoverStarted(now: Date, rollup: RollupDeltas): number {
    const records = this.#recover.all(now.getTime()) as Selectable<LedgerRequestsTable>[];
    for (const record of records) rollup.add(columnsToRow(record));
    return records.length;
  }
}

const POSITIONS = new Map<string, readonly number[]>();

/** Where each column a finalize sets sits in LEDGER_COLUMNS, per statement shape (a gateway uses a handful). */
function columnPositions(write: LedgerFinalizeWrite): readonly number[] {
  let positions = POSITIONS.get(write.shape);
  if (positions === undefined) {
    if (POSITIONS.size >= MAX_SETTLE_SHAPES) POSITIONS.clear();
    positions = write.columns.map((column) => LEDGER_COLUMN_INDEX.get(column)!);
    POSITIONS.set(write.shape, positions);
  }
  return positions;
}

/** Settles an open of the same batch before it is inserted: one row written, already final. */
function settlePending(pending: PendingOpen, write: LedgerFinalizeWrite, rollup: RollupDeltas): Settled<LedgerRow> {
  if (pending.settled !== undefined) return { ok: false, error: conflictError(write.id, pending.settled.row.status) };
  const values = pending.write.values.slice();
  const positions = columnPositions(write);
  for (let index = 0; index < positions.length; index++) values[positions[index]!] = write.parameters[index]!;
  const row = settledRow(pending.write.row, write);
  pending.settled = { values, row };
  rollup.add(row);
  return { ok: true, value: row };
}
