/**
 * hmarr/openai-chat-tokens' test cases with the prompt_tokens the API reported for them on
 * gpt-3.5-turbo (src/token-counts.test.ts), as [name, request, promptTokens].
 */
import type { ChatRequest } from '../chat-request.ts';

const emptyParameters = { type: 'object', properties: {} } as const;
const hello = [{ role: 'user', content: 'hello' }] as const;
const systemHiThere = [
  { role: 'system', content: 'Hello' },
  { role: 'user', content: 'Hi there' },
] as const;
const systemHelloHiThere = [
  { role: 'system', content: 'Hello:' },
  { role: 'system', content: 'Hello' },
  { role: 'user', content: 'Hi there' },
] as const;

export const HMARR_CASES: readonly (readonly [string, ChatRequest, number])[] = [
  ['user hello', { messages: hello }, 8],
  ['user hello world', { messages: [{ role: 'user', content: 'hello world' }] }, 9],
  ['system hello', { messages: [{ role: 'system', content: 'hello' }] }, 8],
  ['system hello:', { messages: [{ role: 'system', content: 'hello:' }] }, 9],
  [
    'three roles',
    {
      messages: [
        { role: 'system', content: "# Important: you're the best robot" },
        { role: 'user', content: 'hello robot' },
        { role: 'assistant', content: 'hello world' },
      ],
    },
    27,
  ],
  ['empty function', { messages: hello, functions: [{ name: 'foo', parameters: emptyParameters }] }, 31],
  ['function_call none', { messages: hello, functions: [{ name: 'foo', parameters: emptyParameters }], function_call: 'none' }, 32],
  ['function_call auto', { messages: hello, functions: [{ name: 'foo', parameters: emptyParameters }], function_call: 'auto' }, 31],
  ['function_call named', { messages: hello, functions: [{ name: 'foo', parameters: emptyParameters }], function_call: { name: 'foo' } }, 36],
  ['function description', { messages: hello, functions: [{ name: 'foo', description: 'Do a foo', parameters: emptyParameters }] }, 36],
  [
    'one string property',
    {
      messages: hello,
      functions: [{ name: 'bing_bong', description: 'Do a bing bong', parameters: { type: 'object', properties: { foo: { type: 'string' } } } }],
    },
    49,
  ],
  [
    'two properties, one described',
    {
      messages: hello,
      functions: [
        {
          name: 'bing_bong',
          description: 'Do a bing bong',
          parameters: { type: 'object', properties: { foo: { type: 'string' }, bar: { type: 'number', description: 'A number' } } },
        },
      ],
    },
    57,
  ],
  [
    'nested object with enum',
    {
      messages: hello,
      functions: [
        {
          name: 'bing_bong',
          description: 'Do a bing bong',
          parameters: {
            type: 'object',
            properties: {
              foo: { type: 'object', properties: { bar: { type: 'string', enum: ['a', 'b', 'c'] }, baz: { type: 'boolean' } } },
            },
          },
        },
      ],
    },
    68,
  ],
  [
    'function result {}',
    { messages: [{ role: 'user', content: 'hello world' }, { role: 'function', name: 'do_stuff', content: '{}' }] },
    15,
  ],
  [
    'function result object',
    {
      messages: [
        { role: 'user', content: 'hello world' },
        { role: 'function', name: 'do_stuff', content: '{"foo": "bar", "baz": 1.5}' },
      ],
    },
    28,
  ],
  ['function result alone', { messages: [{ role: 'function', name: 'dance_the_tango', content: '{"a": { "b" : { "c": false}}}' }] }, 24],
  [
    'assistant function_call',
    { messages: [{ role: 'assistant', content: '', function_call: { name: 'do_stuff', arguments: '{"foo": "bar", "baz": 1.5}' } }] },
    26,
  ],
  [
    'assistant function_call with newlines',
    { messages: [{ role: 'assistant', content: '', function_call: { name: 'do_stuff', arguments: '{"foo":"bar", "baz":\n\n 1.5}' } }] },
    25,
  ],
  [
    'system message with functions',
    { messages: systemHiThere, functions: [{ name: 'do_stuff', parameters: emptyParameters }] },
    35,
  ],
  [
    'system message ending in colon with functions',
    { messages: [{ role: 'system', content: 'Hello:' }, { role: 'user', content: 'Hi there' }], functions: [{ name: 'do_stuff', parameters: emptyParameters }] },
    35,
  ],
  ['two system messages with functions', { messages: systemHelloHiThere, functions: [{ name: 'do_stuff', parameters: emptyParameters }] }, 40],
  [
    'two functions',
    {
      messages: systemHelloHiThere,
      functions: [
        { name: 'do_stuff', parameters: emptyParameters },
        { name: 'do_other_stuff', parameters: emptyParameters },
      ],
    },
    49,
  ],
  [
    'two functions, one named',
    {
      messages: systemHelloHiThere,
      functions: [
        { name: 'do_stuff', parameters: emptyParameters },
        { name: 'do_other_stuff', parameters: emptyParameters },
      ],
      function_call: { name: 'do_stuff' },
    },
    55,
  ],
  [
    'anyOf of a const and a number',
    {
      messages: systemHiThere,
      functions: [
        { name: 'do_stuff', parameters: { type: 'object', properties: { foo: { anyOf: [{ type: 'string', const: 'a' }, { type: 'number' }] } } } },
      ],
    },
    44,
  ],
  [
    'recipe with required, arrays and enum',
    {
      messages: hello,
      functions: [
        {
          name: 'get_recipe',
          parameters: {
            type: 'object',
            required: ['ingredients', 'instructions', 'time_to_cook'],
            properties: {
              ingredients: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['name', 'unit', 'amount'],
                  properties: {
                    name: { type: 'string' },
                    unit: { enum: ['grams', 'ml', 'cups', 'pieces', 'teaspoons'], type: 'string' },
                    amount: { type: 'number' },
                  },
                },
              },
              instructions: { type: 'array', items: { type: 'string' }, description: 'Steps to prepare the recipe (no numbering)' },
              time_to_cook: { type: 'number', description: 'Total time to prepare the recipe in minutes' },
            },
          },
        },
      ],
    },
    106,
  ],
  [
    'anyOf of one object',
    {
      messages: systemHiThere,
      functions: [
        {
          name: 'do_stuff',
          parameters: { type: 'object', properties: { foo: { anyOf: [{ type: 'object', properties: { kind: { type: 'string', const: 'a' }, baz: { type: 'boolean' } } }] } } },
        },
      ],
    },
    52,
  ],
  [
    'anyOf of three objects',
    {
      messages: systemHiThere,
      functions: [
        {
          name: 'do_stuff',
          parameters: {
            type: 'object',
            properties: {
              foo: {
                anyOf: [
                  { type: 'object', properties: { kind: { type: 'string', const: 'a' }, baz: { type: 'boolean' } } },
                  { type: 'object', properties: { kind: { type: 'string', const: 'b' }, qux: { type: 'number' } } },
                  { type: 'object', properties: { kind: { type: 'string', const: 'c' }, idk: { type: 'string' } } },
                ],
              },
            },
          },
        },
      ],
    },
    80,
  ],
  [
    'description of a nested array',
    {
      messages: hello,
      functions: [
        {
          name: 'function',
          description: 'description',
          parameters: {
            type: 'object',
            properties: {
              quality: {
                type: 'object',
                properties: { pros: { type: 'array', items: { type: 'string' }, description: 'Write 3 points why this text is well written' } },
              },
            },
          },
        },
      ],
    },
    46,
  ],
  [
    'descriptions at three depths',
    {
      messages: hello,
      functions: [
        {
          name: 'function',
          description: 'desctiption1',
          parameters: {
            type: 'object',
            description: 'desctiption2',
            properties: {
              mainField: { type: 'string', description: 'description3' },
              'field number one': {
                type: 'object',
                description: 'description4',
                properties: {
                  yesNoField: { type: 'string', description: 'description5', enum: ['Yes', 'No'] },
                  howIsInteresting: { type: 'string', description: 'description6' },
                  scoreInteresting: { type: 'number', description: 'description7' },
                  isInteresting: { type: 'string', description: 'description8', enum: ['Yes', 'No'] },
                },
              },
            },
          },
        },
      ],
    },
    96,
  ],
  [
    'function results, anyOf and a named function_call',
    {
      messages: [
        { role: 'system', content: 'You are an AI assistant trained to foo or bar' },
        { role: 'user', content: 'My name is suzie' },
        { role: 'function', name: 'foo', content: '{"res":{"kind":"user","name":"suzie"}}' },
        { role: 'user', content: 'I want to post a message with the text "hello world"' },
        { role: 'function', name: 'foo', content: '{"res":{"kind":"post","text":"hello world"}}' },
      ],
      functions: [
        {
          name: 'foo',
          description: 'Return the foo or the bar',
          parameters: {
            type: 'object',
            properties: {
              res: {
                anyOf: [
                  {
                    type: 'object',
                    properties: { kind: { type: 'string', const: 'post' }, text: { type: 'string' } },
                    required: ['kind', 'text'],
                    additionalProperties: false,
                  },
                  {
                    type: 'object',
                    properties: { kind: { type: 'string', const: 'user' }, name: { type: 'string', enum: ['jane', 'suzie', 'adam'] } },
                    required: ['kind', 'name'],
                    additionalProperties: false,
                  },
                ],
                description: 'The foo or the bar',
              },
            },
            required: ['res'],
            additionalProperties: false,
          },
        },
      ],
      function_call: { name: 'foo' },
    },
    158,
  ],
];
