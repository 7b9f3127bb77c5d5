import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../main.ts';
import { bufferIo } from '../io.ts';
import { defaultCliDeps } from './index.ts';
import { openSqliteKeyStore } from '../../storage/index.ts';

const root = mkdtempSync(join(tmpdir(), 'costops-cli-keys-'));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** A fresh folder with a config whose ledger (and so its keys) lives inside it. */
function freshConfig(auth: 'keys' | 'off' = 'keys'): { config: string; db: string } {
  const dir = join(root, `run-${++counter}`);
  mkdirSync(dir);
  const db = join(dir, 'data', 'costops.db');
  const config = join(dir, 'costops.config.yaml');
  const authSection = auth === 'keys' ? 'auth: { mode: keys, admin_key: admin-secret-123456 }' : 'auth: { mode: "off" }';
  writeFileSync(config, `storage: { url: "sqlite:${db}" }\n${authSection}\n`);
  return { config, db };
}

const NOW = new Date('2025-03-01T10:00:00.000Z');
const deps = { ...defaultCliDeps, clock: { now: () => NOW } };

async function run(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io, deps);
  return { code, ...io };
}

test('keys create prints the key once, its id, and a warning; the key resolves in the store', async () => {
  const { config, db } = freshConfig();
  const created = await run('keys', 'create', '--tenant', 'acme', '--user', 'bob', '--name', 'ci', '--config', config);
  assert.equal(created.code, 0, created.stderr);
  const [key, details, extra] = created.stdout.split('\n');
  assert.match(key!, /^co-sk-[A-Za-z0-9_-]{43}$/);
  assert.match(details!, /^id key_[0-9A-Z]{26}, tenant acme, user bob, name ci$/);
  assert.equal(extra, '');
  assert.equal(created.stderr, 'warning: this is the only time the key is shown — store it now; costops keeps only its hash\n');
  const store = await openSqliteKeyStore({ path: db });
  assert.deepEqual(await store.resolve(key!), { keyId: details!.slice(3, 33), tenant: 'acme', user: 'bob', project: null, feature: null });
  await store.close();
});

test('keys create --json gives {id, key, prefix, tenant, user, name, project, feature, created_at}', async () => {
  const { config } = freshConfig();
  const created = await run('keys', 'create', '--tenant', 'acme', '--project', 'search', '--config', config, '--json');
  assert.equal(created.code, 0, created.stderr);
  const json = JSON.parse(created.stdout);
  assert.deepEqual(Object.keys(json), ['id', 'key', 'prefix', 'tenant', 'user', 'name', 'project', 'feature', 'created_at']);
  assert.equal(json.prefix, json.key.slice(0, 14));
  assert.deepEqual([json.tenant, json.user, json.name, json.project, json.created_at], ['acme', null, null, 'search', NOW.toISOString()]);
});

test('keys create warns when the config does not require keys', async () => {
  const { config } = freshConfig('off');
  const created = await run('keys', 'create', '--tenant', 'acme', '--config', config);
  assert.equal(created.code, 0);
  assert.match(created.stderr, /note: auth\.mode is "off", so the gateway ignores keys/);
});

test('keys list shows records without secrets, by tenant, as a table or JSON', async () => {
  const { config } = freshConfig();
  const empty = await run('keys', 'list', '--config', config);
  assert.equal(empty.code, 0);
  assert.match(empty.stdout, /^no keys yet: create one with `costops keys create --tenant NAME`\n$/);
  const acme = JSON.parse((await run('keys', 'create', '--tenant', 'acme', '--user', 'bob', '--config', config, '--json')).stdout);
  const globex = JSON.parse((await run('keys', 'create', '--tenant', 'globex', '--name', 'batch', '--config', config, '--json')).stdout);
  const table = await run('keys', 'list', '--config', config);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /^id\s+prefix\s+tenant\s+user\s+name\s+created\s+revoked\n/);
  assert.ok(table.stdout.includes(`${acme.id}  ${acme.prefix}…  acme`));
  assert.ok(table.stdout.includes(`${globex.prefix}…  globex  -     batch`));
  for (const key of [acme.key, globex.key]) assert.ok(!table.stdout.includes(key.slice(14)), 'a list shows key material');
  const json = JSON.parse((await run('keys', 'list', '--tenant', 'globex', '--json', '--config', config)).stdout);
  assert.deepEqual(json, [
    { id: globex.id, prefix: globex.prefix, tenant: 'globex', user: null, name: 'batch', project: null, feature: null, created_at: NOW.toISOString(), revoked_at: null },
  ]);
  assert.match((await run('keys', 'list', '--tenant', 'nobody', '--config', config)).stdout, /^no keys for tenant nobody\n$/);
});

test('keys revoke by id or prefix; an unknown one exits 1 with one line', async () => {
  const { config, db } = freshConfig();
  const first = JSON.parse((await run('keys', 'create', '--tenant', 'acme', '--config', config, '--json')).stdout);
  const second = JSON.parse((await run('keys', 'create', '--tenant', 'acme', '--config', config, '--json')).stdout);
  const byId = await run('keys', 'revoke', first.id, '--config', config);
  assert.equal(byId.code, 0, byId.stderr);
  assert.equal(byId.stdout, `revoked ${first.id} (${first.prefix}…) of tenant acme: requests with it now get 401\n`);
  const byPrefix = await run('keys', 'revoke', `${second.prefix}…`, '--config', config, '--json');
  assert.equal(byPrefix.code, 0, byPrefix.stderr);
  assert.equal(JSON.parse(byPrefix.stdout).revoked_at, NOW.toISOString());
  const store = await openSqliteKeyStore({ path: db });
  assert.equal(await store.resolve(first.key), undefined);
  assert.equal(await store.resolve(second.key), undefined);
  await store.close();
  const listed = JSON.parse((await run('keys', 'list', '--json', '--config', config)).stdout);
  assert.deepEqual(listed.map((record: { revoked_at: string }) => record.revoked_at), [NOW.toISOString(), NOW.toISOString()]);

  const unknown = await run('keys', 'revoke', 'key_nope', '--config', config);
  assert.equal(unknown.code, 1);
  assert.equal(unknown.stdout, '');
  assert.equal(unknown.stderr, 'costops: no key with id or prefix "key_nope": see `costops keys list`\n');
  const pasted = await run('keys', 'revoke', `co-sk-${'Z'.repeat(43)}`, '--config', config);
  assert.equal(pasted.code, 1);
  assert.equal(pasted.stderr, 'costops: no key with id or prefix "co-sk-ZZZZZZZZ…": see `costops keys list`\n');
});

test('keys revoke of a key revoked earlier says so', async () => {
  const { config } = freshConfig();
  const created = JSON.parse((await run('keys', 'create', '--tenant', 'acme', '--config', config, '--json')).stdout);
  const earlier = { ...defaultCliDeps, clock: { now: () => new Date(NOW.getTime() - 60_000) } };
  assert.equal(await main(['keys', 'revoke', created.id, '--config', config], bufferIo(), earlier), 0);
  const again = await run('keys', 'revoke', created.id, '--config', config);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, `${created.id} (${created.prefix}…) was already revoked at 2025-03-01T09:59:00.000Z\n`);
});

test('without --config, the config in cwd is used, and a relative sqlite: path resolves against cwd', async () => {
  const dir = join(root, `run-${++counter}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'costops.config.yaml'), 'storage: { url: "sqlite:./state/costops.db" }\nauth: { mode: keys, admin_key: "${ADMIN}" }\n');
  const here = { ...deps, cwd: dir, env: { ADMIN: 'admin-secret-123456' } };
  const io = bufferIo();
  assert.equal(await main(['keys', 'create', '--tenant', 'acme', '--json'], io, here), 0, io.stderr);
  const store = await openSqliteKeyStore({ path: join(dir, 'state', 'costops.db') });
  assert.equal((await store.resolve(JSON.parse(io.stdout).key))?.tenant, 'acme');
  await store.close();
});

test('usage errors exit 2; bad input and bad config exit 1', async () => {
  const { config } = freshConfig();
  assert.equal((await run('keys', 'create', '--config', config)).code, 2); // --tenant missing
  assert.equal((await run('keys', 'revoke', '--config', config)).code, 2); // no id
  assert.equal((await run('keys', 'list', '--bogus')).code, 2);
  assert.equal((await run('keys', 'frobnicate')).code, 2);
  const blank = await run('keys', 'create', '--tenant', ' ', '--config', config);
  assert.equal(blank.code, 1);
  assert.match(blank.stderr, /^costops: a key needs a tenant: pass --tenant NAME\n$/);
  const missing = await run('keys', 'list', '--config', join(root, 'missing.yaml'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /file not found/);
  const help = await run('keys', '--help');
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^  create \[options\][^]*^  list \[options\][^]*^  revoke \[options\] <id-or-prefix>/m);
});
