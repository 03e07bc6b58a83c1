import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportTable } from '../../bench/relevance/evaluate';
import { runRelevance } from '../../bench/relevance/harness';
import { randomSuffix, stackClients } from './helpers';

const baseline = JSON.parse(readFileSync(new URL('../../bench/relevance/baseline.json', import.meta.url), 'utf8')) as {
  catalog: number;
  ndcg10: number;
  margin: number;
};
const { es } = stackClients();

describe('relevance regression (issue 16)', () => {
  it(`nDCG@10 of the judged query set on ${baseline.catalog} generated products stays within ${baseline.margin} of the baseline`, async () => {
    const report = await runRelevance({ es, alias: `relevance-${randomSuffix()}`, count: baseline.catalog });
    const table = reportTable(report, `${baseline.catalog} products`);
    expect(report.judged, table).toBeGreaterThanOrEqual(200);
    expect(report.ndcg10, table).toBeGreaterThanOrEqual(baseline.ndcg10 - baseline.margin);
  }, 120_000);
});
