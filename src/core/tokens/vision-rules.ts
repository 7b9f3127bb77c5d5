/**
 * How each OpenAI model family prices image inputs, from the "Images and vision → Calculating
 * costs" guide: older families count 512px tiles (base + per-tile tokens), newer small models
 * count 32px patches under a patch budget and scale them by a multiplier.
 */
import { parseModelName } from './parse-model-name.ts';

export interface TileRule {
  readonly kind: 'tile';
  /** Tokens of a `detail: low` image, also added once to every high-detail image. */
  readonly base: number;
  readonly perTile: number;
}

export interface PatchLimits {
  readonly budget: number;
  readonly maxDimension: number;
}

export interface PatchRule {
  readonly kind: 'patch';
  readonly high: PatchLimits;
  /** Limits of `detail: original`, for models that have it. */
  readonly original?: PatchLimits;
  /** Whether `auto` (and an omitted detail) sizes like `original` rather than `high`. */
  readonly autoIsOriginal?: boolean;
  readonly multiplier: number;
}

export type VisionRule = TileRule | PatchRule;

const tile = (base: number, perTile: number): TileRule => ({ kind: 'tile', base, perTile });
const SMALL_PATCH: PatchLimits = { budget: 1536, maxDimension: 2048 };
const patch = (multiplier: number): PatchRule => ({ kind: 'patch', high: SMALL_PATCH, multiplier });
const LARGE_PATCH = { high: { budget: 2500, maxDimension: 2048 }, original: { budget: 10_000, maxDimension: 6000 } };

/** First match wins; narrower names sit above the families they share a prefix with. */
const RULES: readonly (readonly [RegExp, VisionRule])[] = [
  [/^gpt-4o-mini/, tile(2833, 5667)],
  [/^gpt-4\.1-mini/, patch(1.62)],
  [/^gpt-4\.1-nano/, patch(2.46)],
  [/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-4-vision|gpt-4-1106-vision)/, tile(85, 170)],
  [/^o4-mini/, patch(1.72)],
  [/^(o1|o1-pro|o3)($|-\d{4}-\d\d-\d\d$)/, tile(75, 150)],
  [/^computer-use/, tile(65, 129)],
  [/^gpt-5(\.4)?-mini/, patch(1.62)],
  [/^gpt-5(\.4)?-nano/, patch(2.46)],
  // Listed under the 1,536-patch budget with no multiplier in the guide: counted at 1×.
  [/^(gpt-5\.2|gpt-5\.3-codex|gpt-5-codex-mini|gpt-5\.1-codex-mini)/, patch(1)],
  [/^gpt-5\.4/, { kind: 'patch', ...LARGE_PATCH, multiplier: 1 }],
  [/^gpt-5\.5/, { kind: 'patch', ...LARGE_PATCH, autoIsOriginal: true, multiplier: 1 }],
  [/^gpt-5($|-chat|-\d{4}-\d\d-\d\d$)/, tile(70, 140)],
];

/** The rule used when a model has no documented one: gpt-4o's, the most common. */
export const FALLBACK_VISION_RULE: VisionRule = tile(85, 170);

/** The documented image-pricing rule of an OpenAI model, or undefined when the guide has none. */
export function visionRule(model: string): VisionRule | undefined {
  const { base } = parseModelName(model);
  for (const [pattern, rule] of RULES) if (pattern.test(base)) return rule;
  return undefined;
}
