/**
 * The gateway's alerting (SPEC §13): a ProxyObserver that feeds every settled ledger row to the
 * pure evaluator (O(1) per row, in memory) and hands what fires to the background delivery; and
 * the entry point the budget engine calls when a budget crosses an `alert_at` threshold.
 *
 * Lifecycle: `seed()` before the gateway takes traffic (current windows' totals from the ledger,
 * already-sent alerts from the history, so a restart neither forgets spend nor repeats an
 * alert); `start(publicUrl)` once listening (alerts name dashboard links under it; alerts that
 * fired while seeding go out then); `close()` at shutdown.
 */
import { createAlertEvaluator, type AlertEvent, type BudgetThresholdEvent } from '../../core/alerts/index.ts';
import { CostOpsError } from '../../core/errors/index.ts';
import type { AlertHistoryStore, AlertRecord, Clock, LedgerRow, LedgerStore } from '../../core/ports/index.ts';
import type { AlertConfig, BudgetConfig, Channel } from '../config/index.ts';
import type { ProxyObserver } from '../proxy/proxy-observer.ts';
import { createAlertDelivery, type AlertDeliveryOptions, type Scheduler } from './alert-delivery.ts';
import { alertRuleFromConfig } from './alert-rule-from-config.ts';
import { channelTargets, type AlertTarget } from './alert-target.ts';
import { dashboardLink } from './dashboard-link.ts';
import type { OutgoingAlert } from './outgoing-alert.ts';

export interface AlertEngineDeps {
  readonly config: { readonly alerts: readonly AlertConfig[]; readonly budgets: readonly Pick<BudgetConfig, 'name' | 'channel'>[]; readonly timezone: string };
  readonly clock: Clock;
  readonly history: AlertHistoryStore;
  /** Where the current windows' totals are read at seed(). */
  readonly ledger: Pick<LedgerStore, 'usage'>;
  readonly delivery?: AlertDeliveryOptions;
  readonly fetch?: typeof fetch;
  readonly scheduler?: Scheduler;
  readonly random?: () => number;
  /** Failures off the request path (history writes, the seed query); default: a process warning. */
  readonly onError?: (error: unknown) => void;
}

/** What `POST /api/alerts/test` sends through: a channel given as is, or a configured rule's or budget's. */
export type AlertTestInput = { readonly channel: Channel } | { readonly rule: string };

export interface AlertEngine extends ProxyObserver {
  /** Loads the current windows' totals and the recently sent alerts. Call before taking traffic. */
  seed(): Promise<void>;
  /** Begins delivering, with dashboard links under `publicUrl`. */
  start(publicUrl: string): void;
  /**
   * For the budget engine: a budget's spend crossed one of its `alert_at` fractions. Returns at
   * once; each threshold alerts once per period and scope value however often it is reported.
   * Goes to `event.channel` (a budget made through the API), else the configured budget's
   * `channel`, else the first `budget_threshold` rule's, else the first alert rule's; with none,
   * the alert is only recorded (the dashboard shows it).
   */
  budgetThresholdCrossed(event: BudgetThresholdEvent & { readonly channel?: Channel | undefined }): void;
  /** Sends a test alert now, one attempt per target, and answers with the recorded outcomes. */
  test(input: AlertTestInput): Promise<AlertRecord[]>;
  /** Resolves once every delivery started so far has ended (tests). */
  idle(): Promise<void>;
  /** Stops deliveries (unfinished ones are recorded as failed); the history store stays open. */
  close(): Promise<void>;
}

/** How far back the history is read for alerts already sent: past the longest window, a month. */
const REMEMBER_MS = 40 * 86_400_000;

export function createAlertEngine(deps: AlertEngineDeps): AlertEngine {
  const { config, clock } = deps;
  const onError = deps.onError ?? ((error: unknown) => process.emitWarning(`costops alerts: ${error instanceof Error ? error.message : String(error)}`));
  const evaluator = createAlertEvaluator({ rules: config.alerts.map(alertRuleFromConfig), timeZone: config.timezone });
  const delivery = createAlertDelivery({
    ...deps.delivery,
    history: deps.history,
    clock,
    onError,
    ...(deps.fetch && { fetch: deps.fetch }),
    ...(deps.scheduler && { scheduler: deps.scheduler }),
    ...(deps.random && { random: deps.random }),
  });
  const ruleTargets = new Map(config.alerts.map((rule) => [rule.name, channelTargets(rule.channel)]));
  const fallbackChannel = (config.alerts.find((rule) => rule.kind === 'budget_threshold') ?? config.alerts[0])?.channel;
  const budgetTargets = new Map(config.budgets.map((budget) => [budget.name, channelTargets(budget.channel ?? fallbackChannel)]));
  let publicUrl: string | undefined;
  // Alerts that fire before start() (while seeding) wait for the dashboard URL.
  const waiting: { alert: OutgoingAlert; targets: readonly AlertTarget[] }[] = [];

  function dispatch(alert: OutgoingAlert, targets: readonly AlertTarget[]): void {
    if (publicUrl === undefined) waiting.push({ alert, targets });
    else delivery.enqueue(alert, { link: dashboardLink(publicUrl, alert), targets });
  }

  function dispatchRuleAlerts(events: readonly AlertEvent[]): void {
    for (const event of events) dispatch(event, ruleTargets.get(event.rule) ?? []);
  }

  function targetsForTest(input: AlertTestInput): { name: string; targets: AlertTarget[] } {
    if ('channel' in input) return { name: 'test', targets: channelTargets(input.channel) };
    const targets = ruleTargets.get(input.rule) ?? budgetTargets.get(input.rule);
    if (targets === undefined) {
      const names = [...ruleTargets.keys(), ...budgetTargets.keys()];
      throw new CostOpsError('not_found', `no alert rule or budget named "${input.rule}"${names.length > 0 ? `; configured: ${names.join(', ')}` : ''}`);
    }
    if (targets.length === 0) {
      throw new CostOpsError('invalid_request', `"${input.rule}" has no channel to test: give the budget a channel, or add an alert rule with one`);
    }
    return { name: input.rule, targets };
  }

  return {
    async seed() {
      const now = clock.now();
      try {
        evaluator.remember(await deps.history.firedSince(new Date(now.getTime() - REMEMBER_MS)));
        for (const { rule, query } of evaluator.seedQueries(now)) {
          dispatchRuleAlerts(evaluator.seed(rule, await deps.ledger.usage(query), now));
        }
      } catch (error) {
        // Alerting that starts from zero beats a gateway that does not start.
        onError(new Error(`could not load the current alert windows from the ledger; counting from zero: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      }
    },

    start(url) {
      publicUrl = url;
      for (const { alert, targets } of waiting.splice(0)) dispatch(alert, targets);
    },

    started() {},

    finished(row: LedgerRow) {
      // Runs on the request path: in-memory work only, and nothing thrown may reach the proxy.
      try {
        const events = evaluator.observe(row, clock.now());
        if (events.length > 0) dispatchRuleAlerts(events);
      } catch (error) {
        onError(error);
      }
    },

    budgetThresholdCrossed(event) {
      try {
        const targets = event.channel !== undefined ? channelTargets(event.channel) : (budgetTargets.get(event.budget) ?? channelTargets(fallbackChannel));
        for (const alert of evaluator.budgetThresholdCrossed(event, clock.now())) dispatch(alert, targets);
      } catch (error) {
        onError(error);
      }
    },

    async test(input) {
      const { name, targets } = targetsForTest(input);
      const time = clock.now();
      const alert: OutgoingAlert = {
        rule: name,
        kind: 'test',
        scope: { global: true },
        value: '0',
        threshold: null,
        unit: 'usd',
        window: null,
        time,
        message: `costops test alert${name === 'test' ? '' : ` for "${name}"`}: if you can read this, alerts reach this channel`,
        dedupeKey: `test|${name}@${time.toISOString()}`,
        details: {},
      };
      return delivery.sendNow(alert, { link: dashboardLink(publicUrl ?? '', alert), targets });
    },

    idle: () => delivery.idle(),
    close: () => delivery.close(),
  };
}
