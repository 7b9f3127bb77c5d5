export type { Clock } from './clock.ts';
export type {
  LedgerStore,
  LedgerRow,
  LedgerStatus,
  LedgerFinalStatus,
  LedgerUsageSource,
  LedgerCacheKind,
  LedgerTokenField,
  LedgerOpenInput,
  LedgerFinalizePatch,
  ListRequestsQuery,
  ListRequestsPage,
  LedgerColumnDimension,
  UsageDimension,
  UsageQuery,
  UsageMetrics,
  UsageGroup,
  UsageResult,
} from './ledger-store.ts';
export type { KeyStore, VirtualKeyInput, VirtualKeyRecord, CreatedVirtualKey, VirtualKeyIdentity, ListKeysQuery } from './key-store.ts';
export { IDEMPOTENCY_WINDOW_MS } from './idempotency-store.ts';
export type { IdempotencyStore, IdempotencyBeginInput, IdempotencyBeginResult, IdempotencyRecordRef, IdempotentResponse } from './idempotency-store.ts';
export type { CounterStore, SlotDecision } from './counter-store.ts';
export type {
  AlertHistoryStore,
  AlertRecord,
  AlertRecordInput,
  AlertDeliveryPatch,
  AlertDeliveryStatus,
  AlertChannelKind,
  AlertAttempt,
  AlertHistoryQuery,
} from './alert-history-store.ts';
export type {
  BudgetStore,
  BudgetSource,
  BudgetRecord,
  BudgetRecordInput,
  BudgetWriteMode,
  BudgetCounterKey,
  BudgetCounterRef,
  BudgetCounterState,
  BudgetCounterChange,
  BudgetReserveLine,
  BudgetReserveResult,
} from './budget-store.ts';
