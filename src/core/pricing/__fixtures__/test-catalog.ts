/** A small hand-written catalog for the pricing tests, independent of the real dataset. */
import { parseRate, type Rate } from '../../money/index.ts';
import type { ModelPrice } from '../model-price.ts';
import { createCatalog, type CatalogModel, type PriceCatalog } from '../price-catalog.ts';
import { priceId } from '../price-id.ts';

/** USD per 1M tokens. */
export const mtok = (usd: number | string): Rate => parseRate(usd, 1_000_000);

/** A price version with an id derived from its parts. */
export function version(parts: Omit<ModelPrice, 'id' | 'source'> & { source?: ModelPrice['source'] }): ModelPrice {
  return { source: 'genai-prices@0.1.8', ...parts, id: priceId(parts) };
}

function model(provider: string, id: string, match: CatalogModel['match'], versions: Omit<Parameters<typeof version>[0], 'provider' | 'model'>[]): CatalogModel {
  return { provider, model: id, match, versions: versions.map((parts) => version({ provider, model: id, ...parts })) };
}

export function testCatalog(): PriceCatalog {
  return createCatalog([
    {
      id: 'openai',
      name: 'OpenAI',
      modelMatch: { or: [{ starts_with: 'gpt-' }, { regex: '^o[134]' }] },
      models: [
        model('openai', 'gpt-4o', { or: [{ equals: 'gpt-4o' }, { equals: 'gpt-4o-2024-08-06' }] }, [
          { effectiveFrom: null, input: mtok(2.5), cacheRead: mtok(1.25), output: mtok(10), batchDiscount: '0.5' },
        ]),
        model('openai', 'gpt-4o-2024-05-13', { equals: 'gpt-4o-2024-05-13' }, [{ effectiveFrom: null, input: mtok(5), output: mtok(15) }]),
        model('openai', 'o3', { or: [{ equals: 'o3' }, { equals: 'o3-2025-04-16' }] }, [
          { effectiveFrom: null, input: mtok(10), output: mtok(40) },
          { effectiveFrom: '2025-06-10', input: mtok(2), output: mtok(8) },
        ]),
        model('openai', 'gpt-oss-120b', { equals: 'gpt-oss-120b' }, [{ effectiveFrom: null, input: mtok('0.039'), output: mtok('0.18') }]),
      ],
    },
    {
      id: 'anthropic',
      name: 'Anthropic',
      modelMatch: { contains: 'claude' },
      models: [
        model('anthropic', 'claude-sonnet-4-0', { or: [{ starts_with: 'claude-sonnet-4-2025' }, { starts_with: 'claude-sonnet-4@' }, { equals: 'claude-sonnet-4' }] }, [
          { effectiveFrom: null, input: mtok(3), cacheRead: mtok('0.3'), cacheWrite5m: mtok('3.75'), cacheWrite1h: mtok(6), output: mtok(15) },
        ]),
      ],
    },
    {
      id: 'google',
      name: 'Google',
      aliases: ['gemini', 'vertex_ai'],
      modelMatch: { contains: 'gemini' },
      fallbackProviders: ['anthropic'],
      models: [
        model('google', 'gemini-2.5-pro', { starts_with: 'gemini-2.5-pro' }, [
          {
            effectiveFrom: null,
            input: { base: mtok('1.25'), tiers: [{ startTokens: 200_000, rate: mtok('2.5') }] },
            output: { base: mtok(10), tiers: [{ startTokens: 200_000, rate: mtok(15) }] },
          },
        ]),
      ],
    },
    {
      id: 'deepseek',
      name: 'DeepSeek',
      models: [
        model('deepseek', 'deepseek-chat', { equals: 'deepseek-chat' }, [
          { effectiveFrom: null, input: mtok('0.135'), output: mtok('0.55') },
          { effectiveFrom: null, timeOfDay: { startSecond: 1_800, endSecond: 59_400 }, input: mtok('0.27'), output: mtok('1.1') },
        ]),
      ],
    },
    {
      id: 'groq',
      name: 'Groq',
      models: [model('groq', 'openai/gpt-oss-120b', { equals: 'openai/gpt-oss-120b' }, [{ effectiveFrom: null, input: mtok('0.15'), output: mtok('0.6') }])],
    },
  ]);
}
