/** Usage converters, one per upstream wire format: provider JSON in, normalized `Usage` out. */
export * from './openai/index.ts';
export * from './anthropic/index.ts';
export * from './gemini/index.ts';
export * from './openai-compatible/index.ts';
