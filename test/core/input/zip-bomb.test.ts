/**
 * Zip bombs are rejected before ExcelJS with little memory (engineering notes §6.4: < 64 MiB).
 * Own test file, so the forked worker's RSS baseline is not inflated by other tests.
 * RSS is sampled every millisecond while the reader runs, and the process's lifetime peak
 * (resourceUsage().maxRSS) is compared before and after.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { readTable } from '../../../src/core/input/read-table.js';
import { buildZip, deflatedZeros, xlsxShell } from '../../fixtures/input/zip.js';

const MB = 1024 * 1024;

async function peakGrowth<T>(
  run: () => Promise<T>,
): Promise<{ result: T; growthMb: number; maxRssGrowthMb: number; ms: number }> {
  const baseline = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 1);
  const t0 = performance.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    return {
      result,
      growthMb: (peak - baseline) / MB,
      maxRssGrowthMb: (maxAfter - maxBefore) / MB,
      ms: performance.now() - t0,
    };
  } finally {
    clearInterval(timer);
  }
}

describe('zip bomb', () => {
  it('an xlsx-shaped ZIP with 300 MB of zeros is rejected before ExcelJS, with < 64 MB RSS growth', async () => {
    const zeros = await deflatedZeros(300 * MB);
    expect(zeros.bytes.length).toBeLessThan(400 * 1024);
    const bomb = buildZip([...xlsxShell(), { name: 'xl/worksheets/sheet1.xml', deflated: zeros }]);
    const excel = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const { result, growthMb, maxRssGrowthMb, ms } = await peakGrowth(() =>
      readTable({ name: 'befragung.xlsx', bytes: bomb }, { kind: 'befragung' }),
    );
    expect(excel).not.toHaveBeenCalled();
    excel.mockRestore();
    expect(result.table).toBeNull();
    expect(result.issues.map((i) => i.code)).toEqual(['xlsx-compression-ratio']);
    expect(result.issues[0]?.message).toMatch(
      /^befragung\.xlsx: Der Eintrag „xl\/worksheets\/sheet1\.xml“ ist ungewöhnlich stark komprimiert \(\d+ KB → 300 MB, Verhältnis [\d.]+ : 1, erlaubt höchstens 100 : 1\); die Datei wird als mögliche ZIP-Bombe abgelehnt\.$/,
    );
    expect(growthMb).toBeLessThan(64);
    expect(maxRssGrowthMb).toBeLessThan(64);
    expect(ms).toBeLessThan(2000);
  });

  it('the same bomb with a central directory claiming 1,000 bytes is stopped while streaming', async () => {
    const zeros = await deflatedZeros(300 * MB);
    const bomb = buildZip([
      ...xlsxShell(),
      { name: 'xl/worksheets/sheet1.xml', deflated: zeros, declaredSize: 1000 },
    ]);
    const excel = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');
    const { result, growthMb, ms } = await peakGrowth(() =>
      readTable({ name: 'befragung.xlsx', bytes: bomb }, { kind: 'befragung' }),
    );
    expect(excel).not.toHaveBeenCalled();
    excel.mockRestore();
    expect(result.issues.map((i) => i.code)).toEqual(['xlsx-size-mismatch']);
    expect(growthMb).toBeLessThan(64);
    expect(ms).toBeLessThan(2000);
  });
});
