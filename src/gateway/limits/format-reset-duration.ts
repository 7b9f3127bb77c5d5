/**
 * A wait in OpenAI's `x-ratelimit-reset-*` format, which is Go's duration format: "12ms", "1s",
 * "8.64s", "6m0s", "1h0m0s". Clients and dashboards that parse OpenAI's headers parse ours.
 */
export function formatResetDuration(ms: number): string {
  const whole = Math.max(0, Math.ceil(ms));
  if (whole === 0) return '0s';
  if (whole < 1000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const seconds = secondsText(whole % 60_000);
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}

function secondsText(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const fraction = ms % 1000;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}
