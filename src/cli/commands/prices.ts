/** `costops prices [MODEL…] [--provider P] [--json]`: the price catalog with source and effective date (SPEC §2, §6). */
import type { Command } from 'commander';
import { findCatalogProvider, listModels, priceVersionAt, type CatalogModel, type ModelPrice, type PriceCatalog } from '../../core/pricing/index.ts';
import { scaleRate } from '../../core/money/index.ts';
import type { Clock } from '../../core/ports/index.ts';
import { isTieredRate, type PriceRate } from '../../core/pricing/index.ts';
import type { Io } from '../io.ts';
import { UserError } from '../user-error.ts';
import { basePerMillion, tierNotes } from '../format/rate-text.ts';
import { groupDigits, renderTable } from '../format/table.ts';
import { resolveModelOrFail } from './resolve-model-or-fail.ts';

export interface PriceRow {
  model: string;
  provider: string;
  input_per_mtok: string | null;
  cached_input_per_mtok: string | null;
  cache_write_per_mtok: string | null;
  output_per_mtok: string | null;
  batch_input_per_mtok: string | null;
  batch_output_per_mtok: string | null;
  context_window: number | null;
  max_output_tokens: number | null;
  source: string;
  effective_from: string | null;
}

/** One row of `costops prices` for a model's price version. */
export function priceRow(model: CatalogModel, price: ModelPrice): PriceRow {
  return {
    model: model.model,
    provider: model.provider,
    input_per_mtok: basePerMillion(price.input),
    cached_input_per_mtok: basePerMillion(price.cacheRead),
    cache_write_per_mtok: basePerMillion(price.cacheWrite5m),
    output_per_mtok: basePerMillion(price.output),
    batch_input_per_mtok: basePerMillion(batchRate(price, 'input')),
    batch_output_per_mtok: basePerMillion(batchRate(price, 'output')),
    context_window: price.contextWindow ?? null,
    max_output_tokens: price.maxOutputTokens ?? null,
    source: price.source,
    effective_from: price.effectiveFrom,
  };
}

function batchRate(price: ModelPrice, side: 'input' | 'output'): PriceRate | undefined {
  const explicit = price.batchRates?.[side];
  if (explicit) return explicit;
  const full = price[side];
  if (!full || price.batchDiscount === undefined) return undefined;
  const factor = price.batchDiscount;
  return isTieredRate(full)
    ? { base: scaleRate(full.base, factor), tiers: full.tiers.map((tier) => ({ startTokens: tier.startTokens, rate: scaleRate(tier.rate, factor) })) }
    : scaleRate(full, factor);
}

export function registerPrices(program: Command, io: Io, deps: { catalog: () => PriceCatalog; clock: Clock }): void {
  program
    .command('prices')
    .description('show the price catalog: USD per 1M tokens of each class, context window, source and effective date')
    .argument('[models...]', 'model names as you would send them (snapshots, provider/ prefixes and aliases work)')
    .option('--provider <provider>', 'only this provider (openai, anthropic, google, deepseek, mistral, x-ai, groq, together, …)')
    .option('--json', 'print JSON: [{model, provider, input_per_mtok, …}] with prices as decimal strings')
    .addHelpText('after', '\nExamples:\n  costops prices gpt-4o claude-sonnet-4-0\n  costops prices --provider google --json')
    .action((models: string[], options: { provider?: string; json?: boolean }) => {
      const catalog = deps.catalog();
      const now = deps.clock.now();
      if (options.provider !== undefined && !findCatalogProvider(catalog, options.provider)) {
        const known = catalog.providers.map((provider) => provider.id).join(', ');
        throw new UserError(`unknown provider "${options.provider}"; known providers: ${known}`);
      }
      const chosen =
        models.length > 0
          ? models.map((name) => resolveModelOrFail(catalog, name, options.provider))
          : listModels(catalog, options.provider === undefined ? {} : { provider: options.provider });
      const rows: { row: PriceRow; price: ModelPrice }[] = [];
      for (const model of chosen) {
        const price = priceVersionAt(model, now);
        if (price) rows.push({ row: priceRow(model, price), price });
      }
      if (options.json) {
        io.out(JSON.stringify(rows.map((entry) => entry.row), null, 2));
        return;
      }
      io.out(renderPriceTable(rows));
    });
}

function renderPriceTable(rows: readonly { row: PriceRow; price: ModelPrice }[]): string {
  const dash = (value: string | null) => value ?? '-';
  const table = renderTable(
    ['model', 'provider', 'input', 'cached', 'cache write', 'output', 'batch in', 'batch out', 'context', 'max out', 'source', 'effective'],
    rows.map(({ row }) => [
      row.model,
      row.provider,
      dash(row.input_per_mtok),
      dash(row.cached_input_per_mtok),
      dash(row.cache_write_per_mtok),
      dash(row.output_per_mtok),
      dash(row.batch_input_per_mtok),
      dash(row.batch_output_per_mtok),
      row.context_window === null ? '-' : groupDigits(row.context_window),
      row.max_output_tokens === null ? '-' : groupDigits(row.max_output_tokens),
      row.source,
      row.effective_from ?? 'base',
    ]),
    { rightAlign: [2, 3, 4, 5, 6, 7, 8, 9] },
  );
  const notes = rows.flatMap(({ row, price }) => {
    const tiers = [...tierNotes(price.input).map((note) => `input ${note}`), ...tierNotes(price.output).map((note) => `output ${note}`)];
    return tiers.length > 0 ? [`  ${row.model}: prompts ${tiers.join(', ')}`] : [];
  });
  const footer = ['', 'Prices in USD per 1M tokens; "-" means the provider has no such price; "base": the first price the dataset records, in force until a dated change.'];
  if (notes.length > 0) footer.push('Tiered prices (the whole prompt and the output move to the tier rate):', ...notes);
  return [table, ...footer].join('\n');
}
