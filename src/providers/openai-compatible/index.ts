export { type DeepSeekUsage, convertDeepSeekUsage } from './convert-deepseek-usage.ts';
