/**
 * A bad query parameter (API) or flag value (CLI). It keeps the parameter's name apart from the
 * reason, so the API can say `invalid "since": …` while the CLI says `invalid --since: …`.
 */
import { CostOpsError } from '../core/errors/index.ts';

export class QueryParamError extends CostOpsError {
  readonly param: string;
  readonly reason: string;

  constructor(param: string, reason: string) {
    super('invalid_request', `invalid "${param}": ${reason}`, { details: { param } });
    this.name = 'QueryParamError';
    this.param = param;
    this.reason = reason;
  }
}
