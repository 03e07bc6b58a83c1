import { describe, expect, it } from 'vitest';
import { checkSkpl, parseSkpl } from './skpl';

const doc = `
## 4. Kebutuhan fungsional
| ID | Kebutuhan | Prioritas |
|---|---|---|
| F-SRCH-01 | Pencarian teks | Tinggi |
| F-SRCH-02 | Faset | Tinggi |

## 7. Keterlacakan
| ID | Status | Berkas uji | Nama uji |
|---|---|---|---|
| F-SRCH-01 | terpenuhi | \`test/a.test.ts\` | finds the product |
| F-SRCH-02 | belum terpenuhi: menunggu plugin | | |
`;

describe('SKPL traceability check', () => {
  it('parses requirements and traceability rows', () => {
    const { requirements, traces } = parseSkpl(doc);
    expect(requirements.map((r) => r.id)).toEqual(['F-SRCH-01', 'F-SRCH-02']);
    expect(traces.map((t) => [t.id, t.file, t.test])).toEqual([
      ['F-SRCH-01', 'test/a.test.ts', 'finds the product'],
      ['F-SRCH-02', '', ''],
    ]);
  });

  it('passes when each requirement names an existing test or a reason', () => {
    expect(checkSkpl(doc, () => "it('finds the product', …)")).toEqual([]);
  });

  it.each([
    ['a missing test file', () => undefined, /missing test file test\/a.test.ts/],
    ['a test name that is not in the file', () => "it('something else')", /"finds the product" not found/],
  ])('reports %s', (_, read, message) => {
    expect(checkSkpl(doc, read).join('\n')).toMatch(message);
  });

  it('accepts a requirement measured by a benchmark, and refuses one without a value or a bench file', () => {
    const measured = doc.replace('| F-SRCH-02 | belum terpenuhi: menunggu plugin | | |', '| F-SRCH-02 | diukur: p50 12 ms | `bench/b.ts` | p50 |');
    expect(checkSkpl(measured, (f) => (f === 'bench/b.ts' ? 'p50' : 'finds the product'))).toEqual([]);
    const unmeasured = doc.replace('| F-SRCH-02 | belum terpenuhi: menunggu plugin | | |', '| F-SRCH-02 | diukur: | `test/a.test.ts` | finds the product |');
    expect(checkSkpl(unmeasured, () => 'finds the product').join('\n')).toMatch(/measured but gives no value[\s\S]*no benchmark under bench/);
  });

  it('reports an untraced requirement, an unknown ID and a "not met" without reason', () => {
    const broken = doc
      .replace('| F-SRCH-02 | belum terpenuhi: menunggu plugin | | |', '| F-SRCH-09 | belum terpenuhi | | |');
    const problems = checkSkpl(broken, () => 'finds the product').join('\n');
    expect(problems).toMatch(/F-SRCH-02 \(line \d+\) has no traceability row/);
    expect(problems).toMatch(/unknown requirement F-SRCH-09/);
    expect(problems).toMatch(/F-SRCH-09 is not met but gives no reason/);
  });
});
