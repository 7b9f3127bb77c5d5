/**
 * Which BPE encoding an OpenAI model uses, after tiktoken's model table (tiktoken/model.py),
 * extended to newer families by their documented tokenizer: everything since gpt-4o is o200k_base,
 * gpt-oss uses o200k_harmony. Matching is by family prefix so dated snapshots and future minor
 * versions (gpt-5.7, gpt-6-*) resolve without a table update.
 */
import type { EncodingName } from './encoders.ts';
import { parseModelName } from './parse-model-name.ts';

/** First match wins, so narrower families sit above the wider ones they share a prefix with. */
const RULES: readonly (readonly [RegExp, EncodingName | null])[] = [
  // Not text models, or models whose text tokenizer OpenAI does not document: no exact count.
  [/^(whisper|tts-|dall-e|gpt-image|gpt-transcribe)|moderation/, null],
  [/^gpt-oss/, 'o200k_harmony'],
  [/^gpt-(3\.5|35)/, 'cl100k_base'], // Azure spells it gpt-35, which must not read as a "gpt-35" family
  [/^(gpt-4o|gpt-4\.1|gpt-4\.5|chatgpt-|gpt-[5-9]|gpt-[1-9]\d|o\d(-|$)|codex-|computer-use|gpt-realtime|gpt-audio|gpt-chat)/, 'o200k_base'],
  [/^(gpt-4|text-embedding-3|text-embedding-ada|davinci-002$|babbage-002$)/, 'cl100k_base'],
  [/^(text|code)-davinci-edit/, 'p50k_edit'],
  [/^(text-davinci-00[23]|code-davinci|code-cushman|davinci-codex|cushman-codex)/, 'p50k_base'],
  [/^((ada|babbage|curie|davinci)$|text-(ada|babbage|curie|davinci)-001$|(text|code)-(similarity|search)-)/, 'r50k_base'],
];

// Model strings come from requests, so the memo is bounded: it can never grow past MEMO_LIMIT.
const MEMO_LIMIT = 1024;
const memo = new Map<string, EncodingName | undefined>();

/** The encoding of an OpenAI model ("gpt-4o-2024-08-06", "openai/o3", "ft:gpt-4o-mini:…"), or undefined if it is not one. */
export function encodingForModel(model: string): EncodingName | undefined {
  if (memo.has(model)) return memo.get(model);
  const encoding = lookup(model);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(model, encoding);
  return encoding;
}

function lookup(model: string): EncodingName | undefined {
  const { base, prefix } = parseModelName(model);
  // "anthropic/gpt-4o" is not a thing; "openai/…", "azure/…" and router prefixes are fine.
  if (prefix !== undefined && NON_OPENAI_PREFIXES.has(prefix)) return undefined;
  for (const [pattern, encoding] of RULES) {
    if (pattern.test(base)) return encoding ?? undefined;
  }
  return undefined;
}

const NON_OPENAI_PREFIXES = new Set(['anthropic', 'google', 'gemini', 'vertex_ai', 'mistral', 'deepseek', 'x-ai', 'xai']);
