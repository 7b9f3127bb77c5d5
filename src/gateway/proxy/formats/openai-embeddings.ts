/** OpenAI Embeddings (`POST /v1/embeddings`): never streamed, input tokens only. */
import { convertOpenAIEmbeddingsUsage } from '../../../providers/index.ts';
import type { ApiFormat } from './api-format.ts';
import { objectField, stringField } from './json-fields.ts';

export const openaiEmbeddings: ApiFormat = {
  endpoint: 'embeddings',
  errorStyle: 'openai',
  providerKinds: ['openai', 'openai-compatible'],
  model: (body) => stringField(body, 'model'),
  isStream: () => false,
  maxOutputTokens: () => undefined,
  prepare: (body) => ({ body, clientWantsUsage: false }),
  upstreamPath: () => '/embeddings',
  usageOf: (response) => {
    const usage = objectField(response, 'usage');
    return usage ? convertOpenAIEmbeddingsUsage(usage) : undefined;
  },
  modelOf: (response) => stringField(response, 'model'),
  createStreamMeter: () => {
    throw new Error('embeddings are never streamed');
  },
};
