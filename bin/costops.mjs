#!/usr/bin/env node
// Runs the TypeScript sources directly (types stripped by esbuild as each file loads; see
// typescript-hooks.mjs), so `npx costops` works right after `npm ci`, with no build step.
import './register-typescript.mjs';

const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
