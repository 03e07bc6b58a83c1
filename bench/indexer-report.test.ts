import { describe, expect, it } from 'vitest';
import { indexerSection, parseIndexerBench } from './indexer-report';

const work = { written: 1000, gets: 0, searches: 0, refreshes: 0.5, merges: 0.1 };
const rate = (docsPerSec: number, own: number, emulator: number | null, es: number | null) => ({
  docsPerSec,
  cpuMsPerDoc: own,
  gcMsPerDoc: { minor: own / 5, other: own / 50 },
  emulatorCpuMsPerDoc: emulator,
  esCpuMsPerDoc: es,
  esWork: work,
});
const result = {
  count: 20000,
  cores: 2,
  direct: { products: rate(10000, 0.05, 0.01, 0.15), withFamilies: rate(4000, 0.1, 0.01, 0.35) },
  indexer: { products: rate(8500, 0.15, 0.04, 0.15), withFamilies: rate(2000, 0.26, null, 0.46) },
  publishPerSec: 9000,
  freshness: { p50: 20, p99: 90, n: 1000, rate: 1000 },
};

describe('indexer report (goal 6)', () => {
  it('reads the last bench-result line and judges each output against 0.8', () => {
    const parsed = parseIndexerBench(`noise\nbench-result ${JSON.stringify({ ...result, count: 1 })}\nbench-result ${JSON.stringify(result)}\n`);
    const section = indexerSection(parsed);
    const ratios = section.summary.filter((s) => s.target === '≥ 0.8');
    expect(ratios.map((s) => [s.value, s.met])).toEqual([
      ['0.85', true],
      ['0.50', false],
    ]);
  });

  it('gives the whole-path CPU ratio only where every process was found', () => {
    const cpu = indexerSection(result).summary.filter((s) => s.target === 'reported').map((s) => s.value);
    expect(cpu[0]).toBe('3.00; 1.62'); // (0.15+0.04+0.15) / (0.05+0.01+0.15)
    expect(cpu[1]).toMatch(/; —$/);
  });

  it('says what the CPU allows each side and the ratio of an indexer process as cheap as the client', () => {
    const body = indexerSection(result).body;
    // products: 2 cores × 10⁶ / 210 µs and / 340 µs; (0.21) / (0.34 − 0.15 + 0.05)
    expect(body).toContain('2 cores predict 9,524 products/s for `helpers.bulk` (measured 10,000) and 5,882 for the indexer (measured 8,500); an indexer process as cheap as the client would reach 0.88.');
    expect(body.match(/CPU-bound/g)).toHaveLength(1); // no emulator figure for the families run
  });

  it("tables each side's GC pauses within its own CPU per product", () => {
    const rows = indexerSection(result).body.split('\n').filter((l) => l.startsWith('| Pub/Sub → indexer | products index only | 8,500 |'));
    // own 150 µs, of which 30 µs scavenges and 3 µs other collections
    expect(rows).toEqual(['| Pub/Sub → indexer | products index only | 8,500 | 150 | 30.0 + 3.00 | 40.0 | 150 | 340 |']);
    // 150 − 50 µs (as floating point: 99.99…); (30 + 3) − (10 + 1) µs
    expect(indexerSection(result).body).toMatch(/^products index only: the indexer process spends 100(\.0)? µs CPU per product more than the client; 22\.0 µs of it are GC pauses\.$/m);
  });

  it("tables Elasticsearch's own work per 1,000 products for every side and output", () => {
    const rows = indexerSection(result).body.split('\n').filter((l) => l.endsWith('| 1,000 | 0.00 | 0.00 | 0.50 | 0.10 |'));
    expect(rows).toHaveLength(4);
  });

  it('refuses output without a result line or of the old shape', () => {
    expect(() => parseIndexerBench('no result')).toThrow(/no bench-result/);
    expect(() => parseIndexerBench('bench-result {"count":1,"directDocsPerSec":1}')).toThrow();
  });
});
