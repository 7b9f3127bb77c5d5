/**
 * Price ids are what a ledger row cites, so they must name one version unambiguously and stay the
 * same across restarts: `provider:model@date`, `@base` for an undated price, `~HH:MM-HH:MM` for a
 * time-of-day variant, and for config prices a fingerprint of the numbers (config edits make new ids).
 */
import type { TimeOfDayWindow } from './model-price.ts';

export interface PriceIdParts {
  provider: string;
  model: string;
  effectiveFrom: string | null;
  timeOfDay?: TimeOfDayWindow;
}

/** `openai:o3@2025-06-10`, `openai:gpt-4o@base`, `deepseek:deepseek-chat@base~00:30-16:30`. */
export function priceId(parts: PriceIdParts): string {
  const window = parts.timeOfDay ? `~${clock(parts.timeOfDay.startSecond)}-${clock(parts.timeOfDay.endSecond)}` : '';
  return `${parts.provider}:${parts.model}@${parts.effectiveFrom ?? 'base'}${window}`;
}

/** `provider:model@config-1a2b3c4d`, the suffix a hash of `content` (the price's numbers as text). */
export function configPriceId(provider: string, model: string, content: string): string {
  return `${provider}:${model}@config-${fnv1a32(content)}`;
}

function clock(second: number): string {
  const hours = Math.floor(second / 3600);
  const minutes = Math.floor((second % 3600) / 60);
  const seconds = second % 60;
  const base = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return seconds === 0 ? base : `${base}:${String(seconds).padStart(2, '0')}`;
}

/** 32-bit FNV-1a as 8 hex digits: stable, tiny, and enough to tell config edits apart. */
function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
