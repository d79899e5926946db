import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { readTable } from '../../src/core/input/read-table.js';

const dir = mkdtempSync(join(tmpdir(), 'sia-fs-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readInputFolder', () => {
  it('reads a file above the limit only in part, and the readers report its real size', async () => {
    writeFileSync(join(dir, 'befragung.csv'), 'gebiet;alter\n01;34\n');
    truncateSync(join(dir, 'befragung.csv'), 209_847_525); // sparse: no disk space used
    writeFileSync(join(dir, 'pmk.csv'), 'jahr;gebiet\n');
    const files = await readInputFolder(dir);
    expect(files.map((f) => [f.name, f.bytes.length, f.size])).toEqual([
      ['befragung.csv', 52_428_801, 209_847_525],
      ['pmk.csv', 12, undefined],
    ]);
    const r = await readTable(files[0]!, { kind: 'befragung' });
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.csv: Die Datei ist 200,1 MB groß; erlaubt sind höchstens 50 MB. Die Datei wird nicht geöffnet.',
    ]);
  });
});
