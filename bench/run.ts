/**
 * `npm run bench [name…]`: runs the benchmarks (all, or those named), each printing its figures
 * next to its anchor measured in the same run (SPEC §21). Benchmarks, not tests: nothing here fails a build.
 */
import { benchTokens } from './tokens.ts';
import { benchLedgerIngest } from './ledger-ingest.ts';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  tokens: benchTokens,
  'ledger-ingest': benchLedgerIngest,
  gateway: () => import('./gateway/index.ts').then((module) => module.benchGateway()),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}\n`);
  await run();
}
