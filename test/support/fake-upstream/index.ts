/**
 * A scriptable fake of the OpenAI, Anthropic and Gemini HTTP APIs for end-to-end tests and benchmarks:
 * the one thing tests fake (SPEC §22). Start it, point the gateway's provider base URLs at `url`.
 */
export { startFakeUpstream, type FakeUpstream, type FakeUpstreamOptions } from './server.ts';
export { FakeRequest } from './request.ts';
export {
  byHeader,
  byModel,
  byPath,
  byRoute,
  cutAfterEvents,
  failMidStream,
  failWith,
  hang,
  overloaded,
  rateLimited,
  slowChunks,
  slowFirstByte,
  splitWrites,
  stallAfterEvents,
  type ScriptOptions,
} from './scenarios.ts';
export { defaultReplyText, estimateTokens, splitText } from './reply.ts';
export { encodeSse } from './sse.ts';
export type {
  FakeRoute,
  FakeUsage,
  LineEnding,
  Outcome,
  Provider,
  RateLimitInfo,
  RequestPredicate,
  Scenario,
  ScenarioError,
  ScenarioHandler,
  SplitWrites,
} from './types.ts';
export { jsonData, parseSse, readChunks, readJson, readSse, type SseMessage } from './readers.ts';
