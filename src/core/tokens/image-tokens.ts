/**
 * Prompt tokens of one image part, by the rules in `vision-rules.ts`. We cannot fetch image URLs,
 * so the caller supplies dimensions; without them we count the largest cost the rule allows,
 * which makes the count an upper bound rather than an exact figure.
 */
import type { PatchLimits, PatchRule, TileRule, VisionRule } from './vision-rules.ts';

export type ImageDetail = 'low' | 'high' | 'auto' | 'original';

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

export interface ImageTokens {
  readonly tokens: number;
  readonly exact: boolean;
  readonly note?: string;
}

const TILE = 512;
const PATCH = 32;
// A high-detail image ends at most 2048px on its long side and 768px on its short side: 4 × 2 tiles.
const MAX_TILES = 8;

/** Tokens for an image of `size` (undefined: unknown) at `detail` under `rule`. */
export function imageTokens(size: ImageSize | undefined, detail: ImageDetail | undefined, rule: VisionRule): ImageTokens {
  return rule.kind === 'tile' ? tileImageTokens(size, detail, rule) : patchImageTokens(size, detail, rule);
}

function tileImageTokens(size: ImageSize | undefined, detail: ImageDetail | undefined, rule: TileRule): ImageTokens {
  if (detail === 'low') return { tokens: rule.base, exact: true };
  if (size === undefined) {
    return { tokens: rule.base + MAX_TILES * rule.perTile, exact: false, note: 'image size unknown: counted the largest high-detail cost (8 tiles)' };
  }
  return { tokens: rule.base + countTiles(size) * rule.perTile, exact: true };
}

/** 512px tiles of a high-detail image: fit in 2048×2048, then shrink the short side to 768 (never enlarged). */
export function countTiles({ width, height }: ImageSize): number {
  let w = width;
  let h = height;
  if (w > 2048 || h > 2048) {
    const scale = 2048 / Math.max(w, h);
    w = Math.floor(w * scale);
    h = Math.floor(h * scale);
  }
  if (Math.min(w, h) > 768) {
    const scale = 768 / Math.min(w, h);
    w = Math.floor(w * scale);
    h = Math.floor(h * scale);
  }
  return Math.ceil(w / TILE) * Math.ceil(h / TILE);
}

function patchImageTokens(size: ImageSize | undefined, detail: ImageDetail | undefined, rule: PatchRule): ImageTokens {
  const useOriginal = rule.original !== undefined && (detail === 'original' || (detail !== 'high' && detail !== 'low' && rule.autoIsOriginal === true));
  const limits = useOriginal ? rule.original! : rule.high;
  const notes: string[] = [];
  if (detail === 'low') notes.push('low detail is not documented for patch-priced models: counted as high');
  const patches = size === undefined ? limits.budget : countPatches(size, limits);
  if (size === undefined) notes.push(`image size unknown: counted the full ${limits.budget}-patch budget`);
  // The guide's worked example (1536 patches × 1.62 billed as 2488) shows a rounded product.
  const tokens = Math.round(patches * rule.multiplier);
  return notes.length === 0 ? { tokens, exact: true } : { tokens, exact: false, note: notes.join('; ') };
}

/** 32px patches of an image after fitting it into the patch budget and the maximum dimension. */
export function countPatches({ width, height }: ImageSize, limits: PatchLimits): number {
  let w = width;
  let h = height;
  if (Math.max(w, h) > limits.maxDimension) {
    const scale = limits.maxDimension / Math.max(w, h);
    w = Math.floor(w * scale);
    h = Math.floor(h * scale);
  }
  const original = Math.ceil(w / PATCH) * Math.ceil(h / PATCH);
  if (original <= limits.budget) return original;
  const shrink = Math.sqrt((PATCH * PATCH * limits.budget) / (w * h));
  const adjusted =
    shrink * Math.min(Math.floor((w * shrink) / PATCH) / ((w * shrink) / PATCH), Math.floor((h * shrink) / PATCH) / ((h * shrink) / PATCH));
  const resized = Math.ceil(Math.floor(w * adjusted) / PATCH) * Math.ceil(Math.floor(h * adjusted) / PATCH);
  return Math.min(resized, limits.budget);
}
