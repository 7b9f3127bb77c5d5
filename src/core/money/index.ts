export { type Nanos, NANOS_PER_USD, parseUsd, formatUsd, formatUsdShort, sumNanos, mulDivRound, nanosToNumber } from './money.ts';
export { type Rate, RATE_SCALE, parseRate, applyRate, formatRate, scaleRate, sameRate } from './rate.ts';
