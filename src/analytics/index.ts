/**
 * Analytics over the ledger: the public JSON/CSV forms of rows and usage, the query parameters
 * the admin API and the CLI share, and readers that fetch either from a store or from the API.
 */
export { rowToJson, LEDGER_JSON_FIELDS, type LedgerRowJson } from './row-to-json.ts';
export { rowsToCsv, rowToCsv, ledgerCsvHeader, formatTags } from './rows-to-csv.ts';
export { rowsToJsonl } from './rows-to-jsonl.ts';
export { csvField, csvLine } from './csv-field.ts';
export { usageToJson, metricsToJson, USAGE_METRIC_FIELDS, type UsageJson, type UsageGroupJson, type UsageMetricsJson } from './usage-to-json.ts';
export { usageToCsv } from './usage-to-csv.ts';
export { QueryParamError } from './query-param-error.ts';
export { parseTime } from './parse-time.ts';
export type { QueryParams } from './query-params.ts';
export { parseUsageParams, USAGE_PARAMS } from './parse-usage-params.ts';
export { parseListParams, LIST_PARAMS, MAX_PAGE_SIZE } from './parse-list-params.ts';
export { parseDimension, dimensionParamName, USAGE_DIMENSION_NAMES } from './usage-dimensions.ts';
export { usageQueryToParams, listQueryToParams } from './query-to-params.ts';
export type { LedgerReader, RequestsPageJson } from './ledger-reader.ts';
export { storeLedgerReader } from './store-ledger-reader.ts';
export { adminApiReader, type AdminApiReaderOptions } from './admin-api-reader.ts';
