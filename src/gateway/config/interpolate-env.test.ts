import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interpolateEnv } from './interpolate-env.ts';

test('fills ${VAR} and ${VAR:-default} in every string value, in lists and nested mappings', () => {
  const result = interpolateEnv(
    { a: '${A}', list: ['x-${B}-y', 3, true, null], nested: { c: '${C:-fallback}', d: '${D:-}' }, '${A}': 'key kept' },
    { A: 'one', B: 'two' },
  );
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.value, {
    a: 'one',
    list: ['x-two-y', 3, true, null],
    nested: { c: 'fallback', d: '' },
    '${A}': 'key kept',
  });
});

test('a default applies to an empty variable, as in a shell; a plain placeholder keeps the empty value', () => {
  const result = interpolateEnv({ a: '${A:-default}', b: '${A}' }, { A: '' });
  assert.deepEqual(result.value, { a: 'default', b: '' });
});

test('several placeholders in one string, and $${ for a literal ${', () => {
  const result = interpolateEnv('postgres://${USER}:${PASS}@${HOST:-127.0.0.1}/db?x=$${NOT_A_VAR}', { USER: 'u', PASS: 'p' });
  assert.equal(result.value, 'postgres://u:p@127.0.0.1/db?x=${NOT_A_VAR}');
});

test('an unset variable is a problem at the path that uses it, and the value stays as written', () => {
  const result = interpolateEnv({ providers: [{ api_key: '${OPENAI_API_KEY}', base_url: 'https://${HOST}/v1' }] }, {});
  assert.deepEqual(result.problems, [
    {
      path: 'providers[0].api_key',
      message: 'environment variable OPENAI_API_KEY is not set — export it or write the key in the file',
    },
    {
      path: 'providers[0].base_url',
      message: 'environment variable HOST is not set — export it or write the value in the file',
    },
  ]);
  assert.deepEqual(result.value, { providers: [{ api_key: '${OPENAI_API_KEY}', base_url: 'https://${HOST}/v1' }] });
});

test('names inherited from Object.prototype are not variables', () => {
  const result = interpolateEnv({ a: '${constructor}' }, {});
  assert.equal(result.problems.length, 1);
});

test('a malformed placeholder is reported', () => {
  const result = interpolateEnv({ a: '${ SPACED }', b: 'open ${NEVER_CLOSED' }, {});
  assert.deepEqual(result.problems, [
    { path: 'a', message: 'malformed placeholder "${ SPACED }" — write ${NAME} or ${NAME:-default} (or $${ for a literal ${)' },
    { path: 'b', message: 'malformed placeholder "${" — write ${NAME} or ${NAME:-default} (or $${ for a literal ${)' },
  ]);
});
