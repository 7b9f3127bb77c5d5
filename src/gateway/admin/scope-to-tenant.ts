/**
 * Narrows a query to the caller's tenant. A caller limited to one tenant who asks for another
 * gets 403 rather than an empty answer, so a wrong filter is not mistaken for "no traffic".
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { LedgerRow, ListRequestsQuery, UsageQuery } from '../../core/ports/index.ts';
import type { AdminAccess } from './admin-access.ts';

export function scopeListQuery(access: AdminAccess, query: ListRequestsQuery): ListRequestsQuery {
  if (access.tenant === null) return query;
  checkAsked(access.tenant, query.tenant);
  return { ...query, tenant: access.tenant };
}

export function scopeUsageQuery(access: AdminAccess, query: UsageQuery): UsageQuery {
  if (access.tenant === null) return query;
  checkAsked(access.tenant, query.where?.tenant);
  return { ...query, where: { ...query.where, tenant: access.tenant } };
}

/** Whether the caller may see this row (unknown rows and other tenants' rows look alike: 404). */
export function mayRead(access: AdminAccess, row: LedgerRow): boolean {
  return access.tenant === null || row.tenant === access.tenant;
}

function checkAsked(allowed: string, asked: string | null | undefined): void {
  if (asked !== undefined && asked !== allowed) {
    throw new CostOpsError('forbidden', `this key sees only tenant "${allowed}"; drop the tenant filter or use the admin key`);
  }
}
