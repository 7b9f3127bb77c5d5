/**
 * The live state of every budget in its current period (SPEC §8 `GET /api/budgets`, `costops
 * budgets list`): one entry per budget and scope value. A "*" budget has one entry per value seen
 * in the period (one counter each); before any traffic it has a single entry without a value.
 */
import { isPerValueScope, matchScope, periodAt, type BudgetDefinition, type BudgetScope, type PeriodSpan } from '../../core/budgets/index.ts';
import type { BudgetCounterRef, BudgetRecord, BudgetStore } from '../../core/ports/index.ts';
import { budgetSchema, type BudgetConfig } from '../config/index.ts';
import { budgetFromConfig } from './budget-from-config.ts';

export interface BudgetView {
  readonly record: BudgetRecord;
  readonly config: BudgetConfig;
  readonly definition: BudgetDefinition;
  readonly span: PeriodSpan;
  readonly entries: readonly BudgetEntry[];
}

export interface BudgetEntry {
  /** "user=alice"; null for a "*" budget that has counted no traffic this period. */
  readonly scopeValue: string | null;
  readonly spent: bigint;
  readonly reserved: bigint;
}

export interface ListBudgetsOptions {
  readonly store: BudgetStore;
  readonly timeZone: string;
  readonly now: Date;
  /** Only budgets whose scope names this tenant (a tenant-scoped admin caller). */
  readonly tenant?: string | null;
}

/** Every stored budget with its entries for the period holding `now`. */
export async function listBudgetViews(options: ListBudgetsOptions): Promise<BudgetView[]> {
  const views: BudgetView[] = [];
  for (const record of await options.store.list()) {
    const view = await budgetView(options, record);
    if (view && (options.tenant == null || view.config.scope.tenant === options.tenant)) views.push(view);
  }
  return views;
}

/** One budget's view, or undefined when its stored definition no longer validates. */
export async function budgetView(options: ListBudgetsOptions, record: BudgetRecord): Promise<BudgetView | undefined> {
  const parsed = budgetSchema.safeParse(record.definition);
  if (!parsed.success) return undefined;
  const config = parsed.data;
  const definition = budgetFromConfig(config);
  const span = periodAt(definition.period, options.timeZone, options.now);
  const base = { record, config, definition, span };
  if (isPerValueScope(definition.scope)) {
    const counters = await options.store.countersOf(definition.name, definition.period, span.start);
    const entries = counters.map((state) => ({ scopeValue: state.scopeKey, spent: state.spent, reserved: state.reserved }));
    return { ...base, entries: entries.length > 0 ? entries : [{ scopeValue: null, spent: 0n, reserved: 0n }] };
  }
  const [state] = await options.store.peek([counterOf(definition, span)]);
  return { ...base, entries: [{ scopeValue: state!.scopeKey, spent: state!.spent, reserved: state!.reserved }] };
}

/** The one counter of a budget without "*": its scope read as the facts of a request it covers. */
function counterOf(definition: BudgetDefinition, span: PeriodSpan): BudgetCounterRef {
  const scope: BudgetScope = definition.scope;
  const equals = scope.tag?.indexOf('=') ?? -1;
  const tags = scope.tag === undefined ? {} : { [scope.tag.slice(0, equals)]: scope.tag.slice(equals + 1) };
  const match = matchScope(scope, {
    tenant: scope.tenant ?? null,
    keyId: scope.key ?? null,
    user: scope.user ?? null,
    project: scope.project ?? null,
    feature: scope.feature ?? null,
    tags,
  })!;
  return { budget: definition.name, period: definition.period, scopeKey: match.key, periodStart: span.start, periodEnd: span.end, filter: match.filter };
}
