/**
 * Reads what `costops estimate` counts: `--text`/`--file` as one user message (or bare text with
 * `--raw`), `--messages F.json` as an OpenAI message array or `{messages, tools}` (SPEC §2).
 */
import { readFileSync } from 'node:fs';
import type { ChatRequest } from '../../core/tokens/index.ts';
import { UserError } from '../user-error.ts';

export type EstimateInput = { kind: 'raw'; text: string } | { kind: 'chat'; request: ChatRequest };

export function readEstimateInput(options: { text?: string; file?: string; messages?: string; raw?: boolean }): EstimateInput {
  if (options.messages !== undefined) return { kind: 'chat', request: readMessagesFile(options.messages) };
  const text = options.text ?? readTextFile(options.file!);
  if (options.raw) return { kind: 'raw', text };
  return { kind: 'chat', request: { messages: [{ role: 'user', content: text }] } };
}

function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read --file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function readMessagesFile(path: string): ChatRequest {
  const text = readTextFile(path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`--messages ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const request = Array.isArray(value) ? { messages: value } : (value as Record<string, unknown> | null);
  const messages = request?.['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new UserError(`--messages ${path} must hold a JSON array of chat messages or {"messages": [...], "tools": [...]}`);
  }
  messages.forEach((message, index) => {
    if (message === null || typeof message !== 'object' || typeof (message as Record<string, unknown>)['role'] !== 'string') {
      throw new UserError(`--messages ${path}: messages[${index}] needs a "role" (system, user, assistant, tool)`);
    }
  });
  return request as unknown as ChatRequest;
}
