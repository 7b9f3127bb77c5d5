import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './index.ts';

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'costops-config-'));
  try {
    await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

async function rejection(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected loadConfig to fail');
}

test('with no file, the defaults are used and the source says so', async () => {
  await withDirectory(async (cwd) => {
    const { config, source } = await loadConfig({ cwd, env: {} });
    assert.equal(source, 'defaults');
    assert.equal(config.server.port, 4000);
    assert.equal(config.storage.url, 'sqlite:./data/costops.db');
  });
});

test('costops.config.yaml in the working directory is found', async () => {
  await withDirectory(async (cwd) => {
    await writeFile(join(cwd, 'costops.config.yaml'), 'server:\n  port: ${PORT:-4100}\n');
    const { config, source } = await loadConfig({ cwd, env: { PORT: '4200' } });
    assert.equal(source, join(cwd, 'costops.config.yaml'));
    assert.equal(config.server.port, 4200);
  });
});

test('costops.config.json is found, and .yml too', async () => {
  await withDirectory(async (cwd) => {
    await writeFile(join(cwd, 'costops.config.json'), '{"server": {"port": 4300}}');
    assert.equal((await loadConfig({ cwd, env: {} })).config.server.port, 4300);
  });
  await withDirectory(async (cwd) => {
    await writeFile(join(cwd, 'costops.config.yml'), 'server: { port: 4400 }\n');
    assert.equal((await loadConfig({ cwd, env: {} })).config.server.port, 4400);
  });
});

test('two candidate files are ambiguous', async () => {
  await withDirectory(async (cwd) => {
    await writeFile(join(cwd, 'costops.config.yaml'), '');
    await writeFile(join(cwd, 'costops.config.json'), '{}');
    const error = await rejection(loadConfig({ cwd, env: {} }));
    assert.equal(
      error.message,
      'invalid config:\n  found costops.config.yaml and costops.config.json — keep one, or choose with --config',
    );
  });
});

test('an explicit path is read relative to cwd, and its errors name it as given', async () => {
  await withDirectory(async (cwd) => {
    await mkdir(join(cwd, 'conf'));
    await writeFile(join(cwd, 'conf', 'prod.yaml'), 'server: { port: 4500 }\n');
    await writeFile(join(cwd, 'conf', 'bad.yaml'), 'cache: { mode: lru }\n');
    const loaded = await loadConfig({ cwd, env: {}, path: 'conf/prod.yaml' });
    assert.equal(loaded.config.server.port, 4500);
    assert.equal(loaded.source, join(cwd, 'conf', 'prod.yaml'));
    const error = await rejection(loadConfig({ cwd, env: {}, path: 'conf/bad.yaml' }));
    assert.equal(error.message, 'invalid config conf/bad.yaml:\n  cache.mode: must be one of off, exact, semantic (got "lru")');
    assert.equal(error.source, 'conf/bad.yaml');
    assert.deepEqual(error.problems, [{ path: 'cache.mode', message: 'must be one of off, exact, semantic (got "lru")' }]);
    assert.equal(error.status, 500);
  });
});

test('a missing file, a directory and an unknown extension are explained', async () => {
  await withDirectory(async (cwd) => {
    await mkdir(join(cwd, 'dir.yaml'));
    await writeFile(join(cwd, 'costops.toml'), '');
    assert.equal(
      (await rejection(loadConfig({ cwd, env: {}, path: 'missing.yaml' }))).message,
      'invalid config missing.yaml:\n  file not found — check the path given with --config',
    );
    assert.equal(
      (await rejection(loadConfig({ cwd, env: {}, path: 'dir.yaml' }))).message,
      'invalid config dir.yaml:\n  is a directory — give the path of a .yaml, .yml or .json file',
    );
    assert.equal(
      (await rejection(loadConfig({ cwd, env: {}, path: 'costops.toml' }))).message,
      'invalid config costops.toml:\n  unsupported file type — name the file .yaml, .yml or .json',
    );
  });
});
