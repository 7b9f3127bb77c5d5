/**
 * The ledger port (SPEC §7, §14): one row per upstream attempt or gateway-served response.
 * Rows are opened (`started`, holding the budget reservation) before the upstream call and
 * finalized after, so a process killed in between leaves a row that start-up can recover.
 * Every method is async so that an embedded (SQLite) and a networked (Postgres) adapter fit.
 */
import type { Nanos } from '../money/index.ts';

export type LedgerStatus = 'started' | 'ok' | 'error' | 'aborted' | 'blocked' | 'cached' | 'unknown_outcome';

/** Statuses a caller may finalize to; `unknown_outcome` is set only by recovery. */
export type LedgerFinalStatus = 'ok' | 'error' | 'aborted' | 'blocked' | 'cached';

export type LedgerUsageSource = 'provider' | 'estimated';

export type LedgerCacheKind = 'none' | 'exact' | 'semantic';

/**
 * One ledger row. `null` means "not known / not reported", never zero. JSON and CSV use the
 * snake_case form of each name (`cachedInputTokens` → `cached_input_tokens`).
 */
export interface LedgerRow {
  /** Sortable id (ULID-like): time-ordered, so newest-first paging is by id. */
  id: string;
  /** One per client request; shared by its retry and fallback attempts. */
  operationId: string;
  /** 1, 2, … within the operation. */
  attempt: number;
  startedAt: Date;
  endedAt: Date | null;
  latencyMs: number | null;
  ttftMs: number | null;
  tenant: string | null;
  keyId: string | null;
  user: string | null;
  feature: string | null;
  project: string | null;
  env: string | null;
  conversation: string | null;
  tags: Record<string, string>;
  provider: string | null;
  requestedModel: string | null;
  /** The model that served the request (after routing/fallback). */
  model: string | null;
  endpoint: string | null;
  stream: boolean;
  status: LedgerStatus;
  httpStatus: number | null;
  errorCode: string | null;
  /** Input tokens billed at the full rate (not read from or written to a cache). */
  inputTokens: number | null;
  cachedInputTokens: number | null;
  /** All cache-written input tokens, whatever the lifetime. */
  cacheWriteTokens: number | null;
  /** Of cacheWriteTokens: written with the 1-hour lifetime (priced higher than the 5-minute default). */
  cacheWrite1hTokens: number | null;
  /** Of inputTokens: audio tokens (priced at the audio rate where the model has one). */
  inputAudioTokens: number | null;
  /** All output tokens, reasoning included. */
  outputTokens: number | null;
  /** Of outputTokens: reasoning tokens. */
  reasoningTokens: number | null;
  /** Of outputTokens: audio tokens. */
  outputAudioTokens: number | null;
  /** Exact cost; null when the model has no price (then `unpriced` is true) or while started. */
  costUsd: Nanos | null;
  /** What the request would have cost without cache, routing or compression. */
  counterfactualCostUsd: Nanos | null;
  savingsUsd: Nanos | null;
  /** Version of the price used, so a cost can be explained later. */
  priceId: string | null;
  usageSource: LedgerUsageSource | null;
  unpriced: boolean;
  cache: LedgerCacheKind;
  route: string | null;
  batchId: string | null;
  requestHash: string | null;
  requestBytes: number | null;
  responseBytes: number | null;
  /** The budget reservation held while the row is `started`; the charge if the outcome is never known. */
  reservedUsd: Nanos;
}

/** Fields whose value is a token count; the same list is summed by `usage()`. */
export type LedgerTokenField =
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'cacheWriteTokens'
  | 'cacheWrite1hTokens'
  | 'inputAudioTokens'
  | 'outputTokens'
  | 'reasoningTokens'
  | 'outputAudioTokens';

/** What `open()` takes: the row as known before the upstream call; omitted fields are null/defaults. */
export type LedgerOpenInput = Pick<LedgerRow, 'operationId' | 'startedAt'> &
  Partial<Omit<LedgerRow, 'operationId' | 'startedAt' | 'status'>>;

/** What `finalize()` takes: the outcome; omitted fields keep their opened value. */
export type LedgerFinalizePatch = { status: LedgerFinalStatus } & Partial<
  Omit<LedgerRow, 'id' | 'operationId' | 'startedAt' | 'status'>
>;

export interface ListRequestsQuery {
  /** Inclusive lower bound on startedAt. */
  since?: Date;
  /** Exclusive upper bound on startedAt. */
  until?: Date;
  /** Page size, 1…1000 (default 100). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  tenant?: string;
  user?: string;
  feature?: string;
  /** Matches the served model. */
  model?: string;
  status?: LedgerStatus;
}

export interface ListRequestsPage {
  /** Newest first. */
  rows: LedgerRow[];
  /** Null on the last page. */
  nextCursor: string | null;
}

/** A column to group or filter usage by. */
export type LedgerColumnDimension =
  | 'tenant'
  | 'keyId'
  | 'user'
  | 'feature'
  | 'project'
  | 'env'
  | 'conversation'
  | 'provider'
  | 'requestedModel'
  | 'model'
  | 'endpoint'
  | 'status'
  | 'errorCode'
  | 'priceId'
  | 'usageSource'
  | 'cache'
  | 'route'
  | 'batchId';

/** A column or a tag (`tag.team`). */
export type UsageDimension = LedgerColumnDimension | `tag.${string}`;

export interface UsageQuery {
  /** Inclusive lower bound on startedAt. */
  since?: Date;
  /** Exclusive upper bound on startedAt. */
  until?: Date;
  groupBy?: UsageDimension[];
  /** Equality filters; null (or "") matches rows where the value is absent. */
  where?: Partial<Record<UsageDimension, string | null>>;
  /** Adds a UTC time bucket (by startedAt) to every group. */
  bucket?: 'hour' | 'day';
}

/**
 * Sums over settled rows (every status but `started`). Unpriced rows add nothing to the money
 * sums and are counted in `unpricedRequests`, so $0 never stands in for "unknown".
 */
export interface UsageMetrics extends Record<LedgerTokenField, number> {
  requests: number;
  unpricedRequests: number;
  costUsd: Nanos;
  counterfactualCostUsd: Nanos;
  savingsUsd: Nanos;
}

export interface UsageGroup extends UsageMetrics {
  /** One entry per `groupBy` dimension; null when the row had no value. */
  group: Record<string, string | null>;
  /** Start of the UTC hour or day, when `bucket` was asked for. */
  bucket?: Date;
}

export interface UsageResult {
  /** Ordered by bucket, then by group values. */
  data: UsageGroup[];
  /** Exactly the sum of `data`. */
  total: UsageMetrics;
}

/** Rows a store returns are snapshots to read, not to edit (the SQL store hands out frozen objects). */
export interface LedgerStore {
  /**
   * Inserts a `started` row; resolves once it is durably committed. Generates the id when not
   * given. Writes issued together are committed together (group commit).
   */
  open(row: LedgerOpenInput): Promise<LedgerRow>;
  /** Settles a `started` row and updates the rollups in the same transaction; resolves once committed. */
  finalize(id: string, patch: LedgerFinalizePatch): Promise<LedgerRow>;
  /**
   * Turns rows left `started` by a dead process into `unknown_outcome`, charged at their
   * reservation (usage source `estimated`), ended at `now`. Returns how many rows it settled.
   */
  recoverStarted(now: Date): Promise<number>;
  getRequest(id: string): Promise<LedgerRow | null>;
  listRequests(query: ListRequestsQuery): Promise<ListRequestsPage>;
  usage(query: UsageQuery): Promise<UsageResult>;
  /** Commits pending writes, then releases the store; later writes reject. */
  close(): Promise<void>;
}
