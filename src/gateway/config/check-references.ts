import type { z } from 'zod';
import { suggest } from './suggest.ts';

interface ReferencingSections {
  providers: readonly { name: string }[];
  prices: readonly { provider: string }[];
  aliases: Readonly<Record<string, string>>;
}

/** The sections these checks read; they only run once those sections are otherwise valid. */
export const REFERENCING_SECTIONS = ['providers', 'prices', 'aliases'] as const;

/** Checks between sections: what one entry names must exist elsewhere, and aliases must end somewhere. */
export function checkReferences(config: ReferencingSections, context: z.core.$RefinementCtx): void {
  const providerNames = config.providers.map((provider) => provider.name);
  config.prices.forEach((price, index) => {
    if (providerNames.includes(price.provider)) return;
    const hint = suggest(price.provider, providerNames);
    const fix =
      hint !== undefined
        ? `did you mean "${hint}"?`
        : providerNames.length > 0
          ? `use one of ${providerNames.join(', ')}`
          : 'add the provider under providers first';
    context.addIssue({
      code: 'custom',
      path: ['prices', index, 'provider'],
      input: price.provider,
      message: `no provider named "${price.provider}" is configured — ${fix}`,
    });
  });

  const reported = new Set<string>();
  for (const alias of Object.keys(config.aliases)) {
    const chain = [alias];
    let target = config.aliases[alias];
    while (target !== undefined && Object.hasOwn(config.aliases, target) && !chain.includes(target)) {
      chain.push(target);
      target = config.aliases[target];
    }
    if (target === undefined || !chain.includes(target) || chain.some((name) => reported.has(name))) continue;
    chain.forEach((name) => reported.add(name));
    context.addIssue({
      code: 'custom',
      path: ['aliases', alias],
      input: config.aliases[alias],
      message: `aliases form a cycle (${[...chain, target].join(' → ')}) — point one of them at a model`,
    });
  }
}
