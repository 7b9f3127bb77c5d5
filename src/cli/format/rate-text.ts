/** Price rates as USD per 1M tokens in exact decimal text, for tables and JSON. */
import { formatRate, mulDivRound, type Rate } from '../../core/money/index.ts';
import { isTieredRate, type PriceRate } from '../../core/pricing/index.ts';

const MILLION = 1_000_000n;

/** A rate as exact USD per 1M units: "2.5", "0.075". */
export function perMillion(rate: Rate): string {
  if (rate.per === MILLION) return formatRate(rate);
  // exact whenever the quoted unit divides 1M evenly; other quotes are rounded at 1e-12 USD
  return formatRate({ scaled: mulDivRound(rate.scaled, MILLION, rate.per), per: MILLION });
}

/** The base (untiered) rate per 1M, or null when the price has no such class. */
export function basePerMillion(rate: PriceRate | undefined): string | null {
  if (!rate) return null;
  return perMillion(isTieredRate(rate) ? rate.base : rate);
}

/** Tier notes like ">200k: 2.5" for tables; empty for flat prices. */
export function tierNotes(rate: PriceRate | undefined): string[] {
  if (!rate || !isTieredRate(rate)) return [];
  return rate.tiers.map((tier) => `>${compact(tier.startTokens)}: ${perMillion(tier.rate)}`);
}

function compact(tokens: number): string {
  return tokens % 1000 === 0 ? `${tokens / 1000}k` : String(tokens);
}
