/**
 * Chat requests with the `usage.prompt_tokens` OpenAI reported for them, as published by others
 * (we have no API access in tests). Each case names its source.
 */
import type { ChatRequest } from '../chat-request.ts';
import { HMARR_CASES } from './hmarr-prompt-tokens.ts';

export interface RecordedPromptTokens {
  readonly name: string;
  readonly model: string;
  readonly request: ChatRequest;
  readonly promptTokens: number;
  readonly source: string;
}

const COOKBOOK = 'openai-cookbook examples/How_to_count_tokens_with_tiktoken.ipynb';
const HMARR = 'hmarr/openai-chat-tokens src/token-counts.test.ts (gpt-3.5-turbo)';

/** The cookbook's corporate-jargon few-shot conversation (section 6). */
export const COOKBOOK_MESSAGES: ChatRequest['messages'] = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  {
    role: 'system',
    name: 'example_user',
    content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

/** The cookbook's weather tool example (section 7). */
export const COOKBOOK_TOOLS_REQUEST: ChatRequest = {
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_current_weather',
        description: 'Get the current weather in a given location',
        parameters: {
          type: 'object',
          properties: {
            location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
            unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
          },
          required: ['location'],
        },
      },
    },
  ],
  messages: [
    { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
    { role: 'user', content: "What's the weather like in San Francisco?" },
  ],
};

export const RECORDED_PROMPT_TOKENS: readonly RecordedPromptTokens[] = [
  ...['gpt-3.5-turbo', 'gpt-3.5-turbo-0613', 'gpt-4-0613', 'gpt-4'].map((model) => ({
    name: `cookbook few-shot conversation on ${model}`,
    model,
    request: { messages: COOKBOOK_MESSAGES },
    promptTokens: 129,
    source: COOKBOOK,
  })),
  { name: 'cookbook few-shot conversation, 0301 format', model: 'gpt-3.5-turbo-0301', request: { messages: COOKBOOK_MESSAGES }, promptTokens: 127, source: COOKBOOK },
  ...['gpt-4o', 'gpt-4o-mini'].map((model) => ({
    name: `cookbook few-shot conversation on ${model}`,
    model,
    request: { messages: COOKBOOK_MESSAGES },
    promptTokens: 124,
    source: COOKBOOK,
  })),
  ...['gpt-3.5-turbo', 'gpt-4'].map((model) => ({ name: `cookbook weather tool on ${model}`, model, request: COOKBOOK_TOOLS_REQUEST, promptTokens: 105, source: COOKBOOK })),
  ...['gpt-4o', 'gpt-4o-mini'].map((model) => ({ name: `cookbook weather tool on ${model}`, model, request: COOKBOOK_TOOLS_REQUEST, promptTokens: 101, source: COOKBOOK })),
  ...HMARR_CASES.map(([name, request, promptTokens]) => ({ name: `hmarr: ${name}`, model: 'gpt-3.5-turbo', request, promptTokens, source: HMARR })),
  {
    name: 'assistant tool_calls and the tool result',
    model: 'gpt-4',
    request: {
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_Id8ycVMsW8gdsf7kSXfgAcf1',
              type: 'function',
              function: { name: 'get_current_weather', arguments: '{\n  "location": "Boston, MA"\n}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_Id8ycVMsW8gdsf7kSXfgAcf1', name: 'get_current_weather', content: '29 degree celcius' },
      ],
    },
    promptTokens: 35,
    source: 'forestwanglin/openai-java issue #5 ("OpenAI Count: 35")',
  },
];
