/**
 * `costops estimate`: input tokens (exact for OpenAI models, an estimate with its expected error
 * otherwise), worst-case output, input cost and worst-case cost, and the context-window check.
 */
import { Option, type Command } from 'commander';
import { formatUsd, formatUsdShort } from '../../core/money/index.ts';
import type { Clock } from '../../core/ports/index.ts';
import { calculateCost, priceVersionAt, type PriceCatalog } from '../../core/pricing/index.ts';
import { countChat, countText, type TokenCount } from '../../core/tokens/index.ts';
import type { Io } from '../io.ts';
import { UserError } from '../user-error.ts';
import { groupDigits } from '../format/table.ts';
import { readEstimateInput } from './estimate-input.ts';
import { resolveModelOrFail } from './resolve-model-or-fail.ts';

export interface EstimateJson {
  model: string;
  provider: string;
  input_tokens: number;
  input_tokens_exact: boolean;
  max_output_tokens: number;
  input_cost_usd: string | null;
  max_cost_usd: string | null;
  context_window: number | null;
  price_id: string | null;
}

interface EstimateOptions {
  model: string;
  provider?: string;
  text?: string;
  file?: string;
  messages?: string;
  raw?: boolean;
  maxOutput?: string;
  json?: boolean;
}

export function registerEstimate(program: Command, io: Io, deps: { catalog: () => PriceCatalog; clock: Clock }): void {
  program
    .command('estimate')
    .description('count input tokens and estimate the cost of a request before making it (input and worst-case output)')
    .requiredOption('--model <model>', 'model name as you would send it (e.g. gpt-4o, claude-sonnet-4-0, gemini-2.5-pro)')
    .option('--provider <provider>', 'provider, when the model name alone is ambiguous')
    .addOption(new Option('--text <text>', 'the text of one user message').conflicts(['file', 'messages']))
    .addOption(new Option('--file <file>', 'a file whose text is one user message').conflicts(['messages']))
    .option('--messages <file.json>', 'a JSON array of chat messages (OpenAI format), or {"messages": [...], "tools": [...]}')
    .option('--raw', 'count the bare text of --text/--file, without chat-format overhead')
    .option('--max-output <n>', 'cap on output tokens (default: the model maximum)')
    .option('--json', 'print JSON: {model, provider, input_tokens, input_tokens_exact, max_output_tokens, input_cost_usd, max_cost_usd, context_window, price_id}')
    .addHelpText('after', '\nExamples:\n  costops estimate --model gpt-4o --text "Summarize this"\n  costops estimate --model claude-sonnet-4-0 --file prompt.txt --max-output 1000 --json')
    .action((options: EstimateOptions, command: Command) => {
      if (options.text === undefined && options.file === undefined && options.messages === undefined) {
        command.error('error: give the input with --text, --file or --messages', { exitCode: 2 });
      }
      const maxOutputFlag = options.maxOutput === undefined ? undefined : parsePositiveInt(options.maxOutput, command);
      const report = estimate(deps, options, maxOutputFlag);
      if (options.json) io.out(JSON.stringify(report.json, null, 2));
      else io.out(report.text);
    });
}

function parsePositiveInt(text: string, command: Command): number {
  if (!/^\d+$/.test(text) || Number(text) <= 0) command.error(`error: --max-output must be a positive whole number (got "${text}")`, { exitCode: 2 });
  return Number(text);
}

function estimate(deps: { catalog: () => PriceCatalog; clock: Clock }, options: EstimateOptions, maxOutputFlag: number | undefined) {
  const catalog = deps.catalog();
  const model = resolveModelOrFail(catalog, options.model, options.provider);
  const price = priceVersionAt(model, deps.clock.now());
  const input = readEstimateInput(options);
  const countOptions = { model: options.model.includes('/') ? model.model : options.model, provider: model.provider };
  const count = input.kind === 'raw' ? countText(input.text, countOptions) : countChat(input.request, countOptions);
  const contextWindow = price?.contextWindow;
  const inputTokens = count.tokens;
  if (contextWindow !== undefined && inputTokens > contextWindow) {
    throw new UserError(`the input is ${groupDigits(inputTokens)} tokens but ${model.model} has a context window of ${groupDigits(contextWindow)}; shorten the input or choose a model with a larger window`);
  }
  const { maxOutput, basis } = worstCaseOutput({ inputTokens, maxOutputFlag, modelMax: price?.maxOutputTokens, contextWindow, model: model.model });
  const inputCost = calculateCost({ inputTokens }, price);
  const maxCost = calculateCost({ inputTokens, outputTokens: maxOutput }, price);
  const json: EstimateJson = {
    model: model.model,
    provider: model.provider,
    input_tokens: inputTokens,
    input_tokens_exact: count.exact,
    max_output_tokens: maxOutput,
    input_cost_usd: inputCost.status === 'priced' ? formatUsd(inputCost.totalNanos) : null,
    max_cost_usd: maxCost.status === 'priced' ? formatUsd(maxCost.totalNanos) : null,
    context_window: contextWindow ?? null,
    price_id: price?.id ?? null,
  };
  const money = (result: typeof inputCost) => (result.status === 'priced' ? `$${formatUsdShort(result.totalNanos, 2)}` : `unpriced (${result.reason})`);
  const lines = [
    `model           ${model.model} (${model.provider})`,
    `input tokens    ${groupDigits(inputTokens)} ${describeCount(count)}`,
    `max output      ${groupDigits(maxOutput)} tokens (${basis})`,
    `context window  ${contextWindow === undefined ? 'unknown' : `${groupDigits(contextWindow)} tokens; this request uses up to ${groupDigits(inputTokens + maxOutput)}`}`,
    `input cost      ${money(inputCost)}`,
    `worst case      ${money(maxCost)} (input + ${groupDigits(maxOutput)} output tokens)`,
    `price           ${price ? `${price.id} (${price.source}${price.effectiveFrom ? `, effective ${price.effectiveFrom}` : ''})` : 'none'}`,
  ];
  return { json, text: lines.join('\n') };
}

function describeCount(count: TokenCount): string {
  if (count.exact) return `(exact, ${count.encoding}${count.method === 'chat-formula' ? ' with chat format' : ''})`;
  const estimate = count.estimate;
  const how = estimate ? `${count.encoding} × ${estimate.factor} for ${estimate.family}` : count.encoding;
  const error = count.expectedErrorPct === undefined ? '' : `, expected error ±${count.expectedErrorPct}%`;
  return `(estimate: ${how}${error})`;
}

/** The output cap a worst case assumes: the flag, else the model's maximum, never past the context window. */
function worstCaseOutput(options: { inputTokens: number; maxOutputFlag: number | undefined; modelMax: number | undefined; contextWindow: number | undefined; model: string }) {
  const room = options.contextWindow === undefined ? undefined : options.contextWindow - options.inputTokens;
  if (options.maxOutputFlag !== undefined) {
    if (room !== undefined && options.maxOutputFlag > room) {
      throw new UserError(`input ${groupDigits(options.inputTokens)} + max output ${groupDigits(options.maxOutputFlag)} tokens exceeds ${options.model}'s context window of ${groupDigits(options.contextWindow!)}; lower --max-output to at most ${groupDigits(room)}`);
    }
    return { maxOutput: options.maxOutputFlag, basis: '--max-output' };
  }
  if (options.modelMax !== undefined) {
    if (room !== undefined && options.modelMax > room) return { maxOutput: room, basis: 'what is left of the context window' };
    return { maxOutput: options.modelMax, basis: 'model maximum' };
  }
  if (room !== undefined) return { maxOutput: room, basis: 'model maximum unknown: the rest of the context window' };
  throw new UserError(`${options.model} has no known maximum output or context window; pass --max-output N`);
}
