/** How alert messages write amounts, percentages and windows (for people; payload fields stay exact). */
import { formatUsdShort, type Nanos } from '../money/index.ts';

/** "$51.20", "$0.0042": cents always, more decimals only where the amount has them. */
export function formatDollars(nanos: Nanos): string {
  return `$${formatUsdShort(nanos, 2)}`;
}

/** A percentage with at most two decimals: 12.5 → "12.5", 1/3 → "33.33". */
export function formatPercent(percent: number): string {
  return String(Math.round(percent * 100) / 100);
}

/** "this hour", "today", "this week", "this month", "in its lifetime". */
export function thisWindow(window: string): string {
  if (window === 'day') return 'today';
  if (window === 'lifetime') return 'in its lifetime';
  return `this ${window}`;
}
