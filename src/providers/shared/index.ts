export { readTokenCount, clampToWhole, sumReported } from './token-count.ts';
export { type PromptSplit, splitInclusivePrompt } from './split-inclusive-prompt.ts';
export { mergeLastReported } from './merge-last-reported.ts';
