import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { millionSection, readPipelineFigures, type MillionResult } from './million-search';

const latencies = { p50: 90, p90: 300, mean: 120 };
const result = (pipeline: MillionResult['pipeline']): MillionResult => ({
  count: 1_000_000,
  seed: { seconds: 400, docsPerSecond: 2500 },
  index: { storeMb: 1500, segments: 30, heapUsedMb: 900, heapMaxMb: 2048 },
  uncached: { queries: 300, concurrency: 4, twoPass: 20, failures: [], api: latencies, raw: latencies, ratioMean: 1.1, ratioP50: 1.1, ratioPerQuery: 1.1, p99: 650 },
  cached: { name: 'cached', p50: 2, p99: 80, mean: 9, rps: 1800, requests: 36_000, failed: 0, hitRatio: 0.9 },
  autocomplete: { p50: 110, p99: 420, failed: 0 },
  rssMb: { elasticsearch: 2600 },
  peakEsRssMb: 2700,
  pipeline,
});
const options = { esHeapMb: 2048, connections: 16, seconds: 20 };

describe('the million section of the report', () => {
  it("states the pipeline run's time, the seed's own time and the emulator heap it ran with", () => {
    const section = millionSection(result({ count: 1_000_000, seconds: 1000, docsPerSecond: 1000, peakRssMb: { emulator: 9700 }, seedSeconds: 170, emulatorJvm: '-Xmx12288m' }), options);
    expect(section.summary.at(-1)).toMatchObject({ measure: expect.stringContaining('through the pipeline'), value: '1,000 s, 1,000 docs/s' });
    expect(section.body).toContain('1,000,000 products searchable 1,000 s after the seed started (the seed itself 170 s), 1,000 docs/s, emulator JVM `-Xmx12288m`; peak RSS MB emulator 9700.');
  });

  it('reads a report of an older run without the seed time and heap, and says when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'million-'));
    const path = join(dir, 'million-report.json');
    writeFileSync(path, JSON.stringify({ count: 1_000_000, seconds: 858, docsPerSecond: 1165, peakRssMb: { emulator: 2700 }, samples: [] }));
    const older = readPipelineFigures(path);
    expect(older).toEqual({ count: 1_000_000, seconds: 858, docsPerSecond: 1165, peakRssMb: { emulator: 2700 } });
    expect(millionSection(result(older), options).body).toContain('searchable 858 s after the seed started, 1,165 docs/s; peak RSS MB emulator 2700.');
    expect(readPipelineFigures(join(dir, 'absent.json'))).toBeUndefined();
    expect(millionSection(result(undefined), options).body).toContain('had not written its report');
  });
});
