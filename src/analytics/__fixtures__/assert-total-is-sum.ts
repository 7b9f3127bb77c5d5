/** The SPEC §1.1 / §14 check, shared by analytics, admin API and CLI tests. */
import assert from 'node:assert/strict';
import { parseUsd, sumNanos } from '../../core/money/index.ts';
import { USAGE_METRIC_FIELDS, type UsageJson } from '../usage-to-json.ts';

/** Every metric of `total` is the exact sum of the same metric over `data` (money via bigint). */
export function assertTotalIsSum(json: UsageJson): void {
  for (const field of USAGE_METRIC_FIELDS) {
    const values = json.data.map((group) => group[field] ?? null);
    if (field === 'cost_usd' || field === 'savings_usd') {
      const sum = sumNanos(values.filter((value) => value !== null).map((value) => parseUsd(String(value))));
      assert.equal(parseUsd(String(json.total[field] ?? '0')), sum, field);
    } else {
      assert.equal(json.total[field], values.reduce<number>((total, value) => total + Number(value), 0), field);
    }
  }
}
