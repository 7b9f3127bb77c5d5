/**
 * Token-counting throughput on a ~4 MB English + TypeScript corpus built from files already in
 * node_modules: our countText against raw gpt-tokenizer and js-tiktoken (all o200k_base).
 * Contenders run round-robin, each round starting with the next one, so that machine drift and
 * the garbage left by the previous counter hit them alike; warm-ups first, then the median of the
 * timed rounds. Run alone:
 *   node --import ./bin/register-typescript.mjs -e "import('./bench/tokens.ts').then(m=>m.benchTokens())"
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { getEncoding } from 'js-tiktoken';
import { countText } from '../src/core/tokens/index.ts';

const CORPUS_CHARS = 4_000_000;
const WARM_UPS = 2;
const ROUNDS = 9;

interface Contender {
  readonly name: string;
  readonly count: (text: string) => number;
}

/** Builds the corpus, times each counter, checks they agree, and prints a table. */
export async function benchTokens(): Promise<void> {
  const corpus = buildCorpus(join(import.meta.dirname, '..', 'node_modules'));
  const bytes = Buffer.byteLength(corpus, 'utf8');
  const tiktoken = getEncoding('o200k_base');
  const contenders: Contender[] = [
    { name: 'costops countText (gpt-4o)', count: (text) => countText(text, { model: 'gpt-4o' }).tokens },
    { name: 'gpt-tokenizer countTokens', count: (text) => countTokens(text) },
    { name: 'gpt-tokenizer, no special scan', count: (text) => countTokens(text, { disallowedSpecial: new Set() }) },
    { name: 'js-tiktoken encode().length', count: (text) => tiktoken.encode(text).length },
  ];

  const times = contenders.map(() => [] as number[]);
  const counts = contenders.map(() => new Set<number>());
  for (let round = 0; round < WARM_UPS + ROUNDS; round++) {
    for (let turn = 0; turn < contenders.length; turn++) {
      const index = (round + turn) % contenders.length;
      const contender = contenders[index]!;
      const started = performance.now();
      const tokens = contender.count(corpus);
      const elapsed = performance.now() - started;
      counts[index]!.add(tokens);
      if (round >= WARM_UPS) times[index]!.push(elapsed);
    }
  }

  const tokenCounts = counts.map((set) => [...set]);
  const agreed = tokenCounts.every((values) => values.length === 1 && values[0] === tokenCounts[0]![0]);
  const medians = times.map(median);
  const raw = medians[1]!;
  console.log(`corpus: ${(bytes / 1e6).toFixed(2)} MB (${corpus.length.toLocaleString('en-US')} chars), o200k_base, median of ${ROUNDS} runs after ${WARM_UPS} warm-ups`);
  console.log(row(['counter', 'tokens', 'median ms', 'MB/s', 'M tokens/s', 'vs raw gpt-tokenizer']));
  contenders.forEach((contender, index) => {
    const ms = medians[index]!;
    const tokens = tokenCounts[index]![0]!;
    const overhead = ((ms - raw) / raw) * 100;
    console.log(
      row([
        contender.name,
        tokens.toLocaleString('en-US'),
        ms.toFixed(1),
        (bytes / 1e6 / (ms / 1000)).toFixed(2),
        (tokens / 1e6 / (ms / 1000)).toFixed(2),
        index === 1 ? '—' : `${overhead >= 0 ? '+' : ''}${overhead.toFixed(1)}%`,
      ]),
    );
  });
  console.log(agreed ? 'all counters agree on every run' : `COUNTS DIFFER: ${JSON.stringify(tokenCounts)}`);
  if (!agreed) process.exitCode = 1;
}

/** README.md files, then TypeScript's lib .d.ts files, each in sorted path order, cut to CORPUS_CHARS. */
function buildCorpus(nodeModules: string): string {
  const readmes = findFiles(nodeModules, (name) => name === 'README.md');
  const declarations = readdirSync(join(nodeModules, 'typescript', 'lib'))
    .filter((name) => name.endsWith('.d.ts'))
    .sort()
    .map((name) => join(nodeModules, 'typescript', 'lib', name));
  let corpus = '';
  for (const file of [...readmes, ...declarations]) {
    corpus += readFileSync(file, 'utf8') + '\n';
    if (corpus.length >= CORPUS_CHARS) break;
  }
  let end = Math.min(corpus.length, CORPUS_CHARS);
  const last = corpus.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // never end on half a surrogate pair
  return corpus.slice(0, end);
}

function findFiles(dir: string, wanted: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findFiles(path, wanted));
    else if (entry.isFile() && wanted(entry.name)) found.push(path);
  }
  return found;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function row(cells: readonly string[]): string {
  const widths = [32, 12, 10, 8, 11, 20];
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join('  ');
}
