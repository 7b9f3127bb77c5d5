export { CostOpsError, ERROR_CODES, type ErrorCode, isCostOpsError } from './errors.ts';
