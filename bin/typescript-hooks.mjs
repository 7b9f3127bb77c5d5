// Node module hooks that run costops's TypeScript sources directly: each `.ts` file outside
// node_modules is stripped of its types by esbuild when it is first imported (no build step, no
// output on disk). tsx does the same, but always with esbuild's keepNames, which wraps every
// function and closure in a `__name()` call that redefines its `name` (an Object.defineProperty
// and a map change per closure created: ~6% of the gateway's instructions per request). Nothing
// here renames identifiers, so names are JavaScript's own. Source maps are inline: stack traces
// point at the .ts lines.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

// The compiler options of tsconfig.json that change emitted code (the rest only type-check).
const TSCONFIG = { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } };

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const { code } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: path,
    tsconfigRaw: TSCONFIG,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
