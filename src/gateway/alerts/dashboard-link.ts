/**
 * The dashboard URL that shows the traffic an alert is about: its scope as filters, its window as
 * the time range, and the request, model or budget concerned. Filter names are the ledger's
 * public field names (`key_id`, `tag.team`), as in `GET /api/usage`.
 */
import type { OutgoingAlert } from './outgoing-alert.ts';

export function dashboardLink(publicUrl: string, alert: OutgoingAlert): string {
  const params = new URLSearchParams();
  const { scope } = alert;
  if (scope.tenant !== undefined) params.set('tenant', scope.tenant);
  if (scope.key !== undefined) params.set('key_id', scope.key);
  if (scope.user !== undefined) params.set('user', scope.user);
  if (scope.project !== undefined) params.set('project', scope.project);
  if (scope.feature !== undefined) params.set('feature', scope.feature);
  if (scope.tag !== undefined) {
    const at = scope.tag.indexOf('=');
    params.set(`tag.${scope.tag.slice(0, at)}`, scope.tag.slice(at + 1));
  }
  const { details } = alert;
  if (alert.kind === 'request_cost' && details.request_id !== undefined) params.set('request_id', String(details.request_id));
  if (alert.kind === 'unpriced_model' && details.model !== undefined) params.set('model', String(details.model));
  if (alert.kind === 'budget_threshold' && details.budget !== undefined) params.set('budget', String(details.budget));
  if (alert.window !== null) {
    params.set('since', alert.window.start.toISOString());
    if (alert.window.end !== null) params.set('until', alert.window.end.toISOString());
  }
  const query = params.toString();
  return `${publicUrl.replace(/\/+$/, '')}/${query === '' ? '' : `?${query}`}`;
}
