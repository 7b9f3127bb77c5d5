import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProvider } from '@pydantic/genai-prices';
import { getEncodingNameForModel, type TiktokenModel } from 'js-tiktoken';
import { encodingForModel } from './encoding-for-model.ts';

/** OpenAI models in the price catalog that have no text tokenizer to count with, and why. */
const NOT_TEXT_MODELS: Readonly<Record<string, string>> = {
  'whisper-1': 'speech-to-text, billed per audio minute',
  'gpt-transcribe': 'speech-to-text, billed per audio hour',
  moderation: 'moderation endpoint: free, no token usage',
  'gpt-image-1': 'image generation: prompt tokenizer undocumented',
  'gpt-image-1-mini': 'image generation: prompt tokenizer undocumented',
  'gpt-image-1.5': 'image generation: prompt tokenizer undocumented',
  'gpt-image-2': 'image generation: prompt tokenizer undocumented',
};

type Match = { equals?: string; starts_with?: string; or?: Match[]; and?: Match[] };

function matchNames(match: Match | undefined): string[] {
  if (!match) return [];
  return [match.equals, match.starts_with, ...(match.or ?? []).flatMap(matchNames), ...(match.and ?? []).flatMap(matchNames)].filter(
    (name): name is string => name !== undefined,
  );
}

test('every OpenAI text model in the price catalog has an encoding', () => {
  const models = findProvider({ providerId: 'openai' })?.models ?? [];
  assert.ok(models.length > 50, 'the catalog lists OpenAI models');
  const missing: string[] = [];
  for (const model of models) {
    if (model.id in NOT_TEXT_MODELS) {
      assert.equal(encodingForModel(model.id), undefined, `${model.id} is listed as not a text model`);
      continue;
    }
    for (const name of [model.id, ...matchNames(model.match as Match)]) {
      if (encodingForModel(name) === undefined) missing.push(name);
    }
  }
  assert.deepEqual(missing, []);
});

/** Where js-tiktoken's table departs from OpenAI's own (tiktoken/model.py), we follow OpenAI's. */
const OFFICIAL_OVERRIDES: Readonly<Record<string, string>> = { 'davinci-002': 'cl100k_base', 'babbage-002': 'cl100k_base' };

test('agrees with js-tiktoken on every model name it knows, from the catalog and its own table', () => {
  const catalog = (findProvider({ providerId: 'openai' })?.models ?? []).flatMap((model) => [model.id, ...matchNames(model.match as Match)]);
  const checked: string[] = [];
  for (const name of [...catalog, ...TIKTOKEN_MODELS]) {
    let expected: string;
    try {
      expected = OFFICIAL_OVERRIDES[name] ?? getEncodingNameForModel(name as TiktokenModel);
    } catch {
      continue; // js-tiktoken does not know this one
    }
    assert.equal(encodingForModel(name), expected, name);
    checked.push(name);
  }
  assert.ok(checked.length > 100, `checked ${checked.length} names`);
});

test('understands snapshots, prefixes, fine-tunes and newer families', () => {
  const cases: Record<string, string | undefined> = {
    'gpt-4o-2024-08-06': 'o200k_base',
    'openai/gpt-4o-mini': 'o200k_base',
    'azure/gpt-35-turbo': 'cl100k_base',
    'ft:gpt-4o-mini-2024-07-18:acme:support:9xYz': 'o200k_base',
    'ft:gpt-3.5-turbo-0125:acme::abc': 'cl100k_base',
    'ft:gpt-4-0613:acme::abc': 'cl100k_base',
    'gpt-4o-mini-2024-07-18.ft-abc123': 'o200k_base',
    'gpt-4o:extended': 'o200k_base',
    'GPT-4.1-Nano': 'o200k_base',
    'gpt-5.6-sol-2026-09-01': 'o200k_base',
    'gpt-6-astra': 'o200k_base',
    'gpt-7': 'o200k_base',
    'o3-pro': 'o200k_base',
    'o4-mini-deep-research': 'o200k_base',
    'codex-mini-latest': 'o200k_base',
    'gpt-oss-120b': 'o200k_harmony',
    'groq/gpt-oss-20b': 'o200k_harmony',
    'gpt-4-turbo-2024-04-09': 'cl100k_base',
    'text-embedding-3-large': 'cl100k_base',
    'text-davinci-003': 'p50k_base',
    'text-davinci-edit-001': 'p50k_edit',
    davinci: 'r50k_base',
    'davinci-002': 'cl100k_base',
    'claude-sonnet-4-5': undefined,
    'anthropic/gpt-4o': undefined,
    'dall-e-3': undefined,
    'tts-1-hd': undefined,
    'omni-moderation-latest': undefined,
    'gemini-2.5-pro': undefined,
    o: undefined,
  };
  for (const [model, encoding] of Object.entries(cases)) assert.equal(encodingForModel(model), encoding, model);
});

// js-tiktoken 1.0.21's TiktokenModel union (a type, so copied here to check at run time).
const TIKTOKEN_MODELS = [
  'davinci-002', 'babbage-002', 'text-davinci-003', 'text-davinci-002', 'text-davinci-001', 'text-curie-001', 'text-babbage-001',
  'text-ada-001', 'davinci', 'curie', 'babbage', 'ada', 'code-davinci-002', 'code-davinci-001', 'code-cushman-002', 'code-cushman-001',
  'davinci-codex', 'cushman-codex', 'text-davinci-edit-001', 'code-davinci-edit-001', 'text-embedding-ada-002', 'text-embedding-3-small',
  'text-embedding-3-large', 'text-similarity-davinci-001', 'text-similarity-curie-001', 'text-similarity-babbage-001',
  'text-similarity-ada-001', 'text-search-davinci-doc-001', 'text-search-curie-doc-001', 'text-search-babbage-doc-001',
  'text-search-ada-doc-001', 'code-search-babbage-code-001', 'code-search-ada-code-001', 'gpt-3.5-turbo', 'gpt-35-turbo',
  'gpt-3.5-turbo-0301', 'gpt-3.5-turbo-0613', 'gpt-3.5-turbo-1106', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo-16k', 'gpt-3.5-turbo-16k-0613',
  'gpt-3.5-turbo-instruct', 'gpt-3.5-turbo-instruct-0914', 'gpt-4', 'gpt-4-0314', 'gpt-4-0613', 'gpt-4-32k', 'gpt-4-32k-0314',
  'gpt-4-32k-0613', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-4-turbo-preview', 'gpt-4-1106-preview', 'gpt-4-0125-preview',
  'gpt-4-vision-preview', 'gpt-4o', 'gpt-4o-2024-05-13', 'gpt-4o-2024-08-06', 'gpt-4o-2024-11-20', 'gpt-4o-mini-2024-07-18', 'gpt-4o-mini',
  'gpt-4o-search-preview', 'gpt-4o-search-preview-2025-03-11', 'gpt-4o-mini-search-preview', 'gpt-4o-mini-search-preview-2025-03-11',
  'gpt-4o-audio-preview', 'gpt-4o-audio-preview-2024-12-17', 'gpt-4o-audio-preview-2024-10-01', 'gpt-4o-mini-audio-preview',
  'gpt-4o-mini-audio-preview-2024-12-17', 'o1', 'o1-2024-12-17', 'o1-mini', 'o1-mini-2024-09-12', 'o1-preview', 'o1-preview-2024-09-12',
  'o1-pro', 'o1-pro-2025-03-19', 'o3', 'o3-2025-04-16', 'o3-mini', 'o3-mini-2025-01-31', 'o4-mini', 'o4-mini-2025-04-16',
  'chatgpt-4o-latest', 'gpt-4o-realtime', 'gpt-4o-realtime-preview-2024-10-01', 'gpt-4o-realtime-preview-2024-12-17',
  'gpt-4o-mini-realtime-preview', 'gpt-4o-mini-realtime-preview-2024-12-17', 'gpt-4.1', 'gpt-4.1-2025-04-14', 'gpt-4.1-mini',
  'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano', 'gpt-4.1-nano-2025-04-14', 'gpt-4.5-preview', 'gpt-4.5-preview-2025-02-27', 'gpt-5',
  'gpt-5-2025-08-07', 'gpt-5-nano', 'gpt-5-nano-2025-08-07', 'gpt-5-mini', 'gpt-5-mini-2025-08-07', 'gpt-5-chat-latest',
];
