/** Keeps the direction of dependencies described in docs/architecture.md. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      comment: 'src/core is pure domain code: no node:* modules, no I/O.',
      severity: 'error',
      from: { path: '^src/core', pathNot: '^src/core/tokens/encoders\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-is-pure-but-loads-rank-tables-lazily',
      comment: 'The encoders load a BPE rank table (plain data) on first use through node:module createRequire; nothing else of node.',
      severity: 'error',
      from: { path: '^src/core/tokens/encoders\\.ts$' },
      to: { dependencyTypes: ['core'], pathNot: '^module$' },
    },
    {
      name: 'core-imports-only-core',
      comment: 'src/core may not import outer layers.',
      severity: 'error',
      from: { path: '^src/core' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'inner-layers-do-not-import-outer',
      comment: 'providers, catalog and storage sit under the gateway, analytics and cli.',
      severity: 'error',
      from: { path: '^src/(providers|catalog|storage)/' },
      to: { path: '^src/(gateway|analytics|cli)/' },
    },
    {
      name: 'gateway-does-not-import-cli',
      severity: 'error',
      from: { path: '^src/(gateway|analytics)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-test-support-in-product',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
