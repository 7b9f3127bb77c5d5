/**
 * Splits a document into consecutive pieces that each fit a token budget, for embedding or
 * map-reduce prompts. Pieces are exact substrings of the input (cuts never split a character),
 * and each is re-counted on its own, because a piece tokenizes slightly differently alone than
 * inside the whole text.
 */
import { type BudgetModelOptions, budgetTokenizer } from './budget-tokenizer.ts';

export interface ChunkOptions extends BudgetModelOptions {
  readonly maxTokens: number;
  /** Tokens each chunk repeats from the end of the previous one; 0 by default. */
  readonly overlapTokens?: number;
}

export interface TextChunk {
  readonly text: string;
  /** Tokens of `text` on its own (estimated provider tokens for non-OpenAI models). */
  readonly tokens: number;
  /** UTF-16 offsets of the chunk in the input: text === input.slice(start, end). */
  readonly start: number;
  readonly end: number;
}

/** Chunks of `text`, in order, each at most `maxTokens` tokens, overlapping by about `overlapTokens`. */
export function chunkByTokens(text: string, options: ChunkOptions): TextChunk[] {
  const tokenizer = budgetTokenizer(options);
  const { encoder } = tokenizer;
  const budget = tokenizer.budget(options.maxTokens);
  const overlap = Math.floor((options.overlapTokens ?? 0) / tokenizer.factor);
  if (!Number.isInteger(options.maxTokens) || budget < 1) throw new RangeError(`maxTokens must be a positive integer large enough for one token, got ${options.maxTokens}`);
  if (!(overlap >= 0 && overlap < budget)) throw new RangeError(`overlapTokens must be at least 0 and below maxTokens (${options.maxTokens})`);

  const tokens = encoder.encode(text);
  const chunks: TextChunk[] = [];
  let first = 0; // token index where the current chunk starts, always on a character boundary
  let offset = 0; // its UTF-16 offset
  while (first < tokens.length) {
    let last = Math.min(first + budget, tokens.length);
    let piece = '';
    let count = 0;
    for (;;) {
      piece = encoder.decode(tokens.slice(first, last));
      const clean = text.startsWith(piece, offset);
      count = clean ? encoder.count(piece) : Number.POSITIVE_INFINITY;
      if (count <= budget) break;
      if (last - first <= 1) throw new RangeError(`maxTokens ${options.maxTokens} is too small to hold one character of the text`);
      last--;
    }
    chunks.push({ text: piece, tokens: tokenizer.scale(count), start: offset, end: offset + piece.length });
    if (last >= tokens.length) break;
    // Step back by the overlap, forward past any token that starts inside a character.
    let next = Math.max(last - overlap, first + 1);
    let skipped = encoder.decode(tokens.slice(first, next));
    while (next < last && !text.startsWith(skipped, offset)) skipped = encoder.decode(tokens.slice(first, ++next));
    offset += next === last ? piece.length : skipped.length;
    first = next;
  }
  return chunks;
}
