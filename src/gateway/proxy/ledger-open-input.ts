/** The ledger row of a request as known before the upstream call (SPEC §7: opened `started`, with its reservation). */
import type { LedgerOpenInput } from '../../core/ports/index.ts';
import type { Nanos } from '../../core/money/index.ts';
import type { ProviderChoice } from './provider-registry.ts';
import type { ProxyRequest } from './proxy-types.ts';

export interface AttemptFacts {
  /** One per client request; also the id its budget reservations are held under. */
  readonly operationId: string;
  /** When the request was admitted: the period its budgets charge, and the price version in force. */
  readonly startedAt: Date;
  readonly requestedModel: string;
  readonly stream: boolean;
}

export function ledgerOpenInput(
  request: ProxyRequest,
  attempt: AttemptFacts,
  choice: ProviderChoice,
  extra: { reservedUsd?: Nanos; route?: string | null } = {},
): LedgerOpenInput {
  return {
    operationId: attempt.operationId,
    attempt: 1,
    startedAt: attempt.startedAt,
    tenant: request.identity.tenant,
    keyId: request.identity.keyId,
    user: request.attribution.user ?? null,
    feature: request.attribution.feature ?? null,
    project: request.attribution.project ?? null,
    env: request.attribution.env ?? null,
    conversation: request.attribution.conversation ?? null,
    tags: request.attribution.tags,
    provider: choice.provider.name,
    requestedModel: attempt.requestedModel,
    model: choice.model,
    endpoint: request.format.endpoint,
    stream: attempt.stream,
    requestBytes: request.bodyBytes,
    requestHash: request.requestHash ?? null,
    ...(extra.reservedUsd !== undefined && { reservedUsd: extra.reservedUsd }),
    ...(extra.route != null && { route: extra.route }),
  };
}
