/**
 * An IdempotencyStore over any Kysely database with the `idempotency_records` table (SQLite now,
 * Postgres later: the queries are dialect-neutral). Opening and migrating is the adapter's job.
 *
 * A claim is one statement: INSERT … ON CONFLICT (tenant, key) DO UPDATE … WHERE the record there
 * is stale. Exactly one of any number of racing callers inserts (or replaces) the row and sees one
 * affected row; everyone else reads the row that won. No transaction, no read-then-write window.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import { CostOpsError } from '../../core/errors/index.ts';
import {
  IDEMPOTENCY_WINDOW_MS,
  type IdempotencyBeginInput,
  type IdempotencyBeginResult,
  type IdempotencyStore,
  type IdempotentResponse,
} from '../../core/ports/index.ts';
import { compileQueryTemplate } from '../sql/query-template.ts';
import { readNumber } from '../sql/read-sql-value.ts';
import type { IdempotencyDatabase, IdempotencyRecordsTable } from './idempotency-database.ts';

export interface SqlIdempotencyStoreOptions {
  db: Kysely<IdempotencyDatabase>;
  /** Releases the database; called once by close(). */
  destroy: () => Promise<void>;
  /** How long a record answers for its key (default 24 h, SPEC §7). */
  windowMs?: number;
  /**
   * How long an `in_progress` claim may stay unfinished before another request may take it over
   * (default: the window). A process killed mid-request never releases its claims; without a
   * lease their keys would answer 409 for the whole window.
   */
  leaseMs?: number;
  /** Least time between purges of expired records (default 60 s). */
  purgeIntervalMs?: number;
}

/** Expired records deleted per purge: bounded, because a purge runs on the request path's connection. */
const PURGE_BATCH = 500;
/** Claiming retries when the winning row vanishes (released) between the claim and the read. */
const MAX_CLAIM_ATTEMPTS = 5;

/** Creates the store; the schema must already be migrated. */
export function createSqlIdempotencyStore(options: SqlIdempotencyStoreOptions): IdempotencyStore {
  const { db } = options;
  const windowMs = options.windowMs ?? IDEMPOTENCY_WINDOW_MS;
  const leaseMs = Math.min(options.leaseMs ?? windowMs, windowMs);
  const purgeIntervalMs = options.purgeIntervalMs ?? 60_000;
  const queries = compileQueries(db);
  let closing: Promise<void> | undefined;
  let purging: Promise<void> | undefined;
  let nextPurgeMs = Number.NEGATIVE_INFINITY;
  const pending = new Set<Promise<unknown>>();

  /** Runs an operation unless the store is closed; close() waits for the ones already started. */
  function run<T>(operation: () => Promise<T>): Promise<T> {
    if (closing !== undefined) return Promise.reject(new CostOpsError('internal_error', 'the idempotency store is closed; open a new one'));
    const promise = operation();
    pending.add(promise);
    const done = () => void pending.delete(promise);
    promise.then(done, done);
    return promise;
  }

  /** Deletes a batch of expired records now and then; their keys are free again either way. */
  function maybePurge(nowMs: number): void {
    if (purging !== undefined || nowMs < nextPurgeMs) return;
    purging = run(() => queries.purge.execute(db, { expiredAt: nowMs - windowMs, limit: PURGE_BATCH }))
      // A full batch means more are waiting: purge again at the next claim rather than after the interval.
      .then((result) => void (nextPurgeMs = Number(result.numAffectedRows ?? 0) >= PURGE_BATCH ? nowMs : nowMs + purgeIntervalMs))
      // Housekeeping only: a failed purge leaves stale rows, which claims replace anyway; retry later.
      .catch(() => void (nextPurgeMs = nowMs + purgeIntervalMs))
      .finally(() => (purging = undefined));
  }

  async function claim(input: IdempotencyBeginInput): Promise<IdempotencyBeginResult> {
    const nowMs = input.now.getTime();
    const values = {
      tenant: input.tenant,
      key: input.key,
      requestHash: input.requestHash,
      now: nowMs,
      inProgress: 'in_progress',
      expiredAt: nowMs - windowMs,
      abandonedAt: nowMs - leaseMs,
    };
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      const claimed = await queries.claim.execute(db, values);
      if (Number(claimed.numAffectedRows ?? 0) > 0) return { state: 'new' };
      const { rows } = await queries.read.execute(db, values);
      const record = rows[0] as RecordFields | undefined;
      if (record !== undefined) return stateOf(record, input.requestHash);
      // released between our claim and our read: claim again
    }
    return { state: 'in_progress' };
  }

  return {
    begin(input) {
      const result = run(() => claim(input));
      if (closing === undefined) maybePurge(input.now.getTime());
      return result;
    },

    complete({ tenant, key, response }) {
      const body = Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength);
      const values = { tenant, key, inProgress: 'in_progress', complete: 'complete', status: response.status, headers: JSON.stringify(response.headers), body };
      return run(async () => void (await queries.complete.execute(db, values)));
    },

    release({ tenant, key }) {
      return run(async () => void (await queries.release.execute(db, { tenant, key, inProgress: 'in_progress' })));
    },

    close() {
      closing ??= (async () => {
        await Promise.allSettled([...pending]);
        await options.destroy();
      })();
      return closing;
    },
  };
}

type RecordFields = Pick<Selectable<IdempotencyRecordsTable>, 'request_hash' | 'state' | 'response_status' | 'response_headers' | 'response_body'>;

function stateOf(record: RecordFields, requestHash: string): IdempotencyBeginResult {
  // A different body under the same key is the client's bug whatever the first request's state.
  if (record.request_hash !== requestHash) return { state: 'mismatch' };
  if (record.state !== 'complete') return { state: 'in_progress' };
  const response: IdempotentResponse = {
    status: readNumber(record.response_status)!,
    headers: JSON.parse(record.response_headers ?? '{}') as Record<string, string>,
    body: record.response_body ?? new Uint8Array(),
  };
  return { state: 'replay', response };
}

/** Every statement compiled once: a claim runs on each request that carries a key. */
function compileQueries(db: Kysely<IdempotencyDatabase>) {
  // Placeholders stand in for values of every type; the compiled SQL binds the real ones per call.
  type Param = (name: string) => any;
  const table = 'idempotency_records' as const;
  return {
    claim: compileQueryTemplate((param: Param) =>
      db
        .insertInto(table)
        .values({ tenant: param('tenant'), key: param('key'), request_hash: param('requestHash'), state: param('inProgress'), created_at: param('now') })
        .onConflict((conflict) =>
          conflict
            .columns(['tenant', 'key'])
            .doUpdateSet((update) => ({
              request_hash: update.ref('excluded.request_hash'),
              state: update.ref('excluded.state'),
              created_at: update.ref('excluded.created_at'),
              response_status: sql<null>`null`,
              response_headers: sql<null>`null`,
              response_body: sql<null>`null`,
            }))
            // Only a stale record is replaced: expired, or a claim for the same request abandoned
            // past its lease (a different body is still a mismatch for the whole window).
            .where((where) =>
              where.or([
                where(`${table}.created_at`, '<=', param('expiredAt')),
                where.and([
                  where(`${table}.state`, '=', param('inProgress')),
                  where(`${table}.created_at`, '<=', param('abandonedAt')),
                  where(`${table}.request_hash`, '=', param('requestHash')),
                ]),
              ]),
            ),
        ),
    ),
    read: compileQueryTemplate((param: Param) =>
      db
        .selectFrom(table)
        .select(['request_hash', 'state', 'response_status', 'response_headers', 'response_body'])
        .where('tenant', '=', param('tenant'))
        .where('key', '=', param('key')),
    ),
    // `state = in_progress`: a stored response is never replaced. (If a claim was taken over past its lease,
    // whichever owner finishes first stores its response: both answered the same request.)
    complete: compileQueryTemplate((param: Param) =>
      db
        .updateTable(table)
        .set({ state: param('complete'), response_status: param('status'), response_headers: param('headers'), response_body: param('body') })
        .where('tenant', '=', param('tenant'))
        .where('key', '=', param('key'))
        .where('state', '=', param('inProgress')),
    ),
    release: compileQueryTemplate((param: Param) =>
      db.deleteFrom(table).where('tenant', '=', param('tenant')).where('key', '=', param('key')).where('state', '=', param('inProgress')),
    ),
    purge: compileQueryTemplate((param: Param) =>
      db
        .deleteFrom(table)
        .where(({ eb, refTuple, selectFrom }) =>
          eb(refTuple('tenant', 'key'), 'in', selectFrom(table).select(['tenant', 'key']).where('created_at', '<=', param('expiredAt')).limit(param('limit')).$asTuple('tenant', 'key')),
        ),
    ),
  };
}
