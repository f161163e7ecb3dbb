// The same model and template give byte-identical .xlsx files: whatever the time zone, the
// clock or the run. Dates in the file come from the model (or SOURCE_DATE_EPOCH); zip
// entries carry 1980-01-01 (DOS time written from UTC fields, so no zone shifts it).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MODEL, runBin, tempDir } from '../helpers/cli.js';
import { planModel, xlsxBytes } from '../verify/support.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function exportAs(env: Record<string, string>, name: string): { hash: string; bytes: Buffer } {
  const out = join(tempDir(), `${name}.xlsx`);
  const r = runBin(['export', DEFAULT_MODEL, '--out', out, '--quiet'], { env });
  expect(r.stderr).toBe('');
  expect(r.code).toBeLessThan(2);
  const bytes = readFileSync(out);
  return { hash: sha256(bytes), bytes };
}

describe('reproducible exports of the default model', () => {
  it('hash the same under TZ=UTC, TZ=Asia/Tokyo and TZ=America/Los_Angeles (child processes)', () => {
    const env = { SOURCE_DATE_EPOCH: '' };
    const utc = exportAs({ ...env, TZ: 'UTC' }, 'utc');
    const tokyo = exportAs({ ...env, TZ: 'Asia/Tokyo' }, 'tokyo');
    const la = exportAs({ ...env, TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8' }, 'la');
    expect(tokyo.hash).toBe(utc.hash);
    expect(la.hash).toBe(utc.hash);
  });

  it('take the workbook dates from SOURCE_DATE_EPOCH when it is set, identically in every zone', () => {
    const epoch = '1700000000'; // 2023-11-14T22:13:20Z
    const a = exportAs({ SOURCE_DATE_EPOCH: epoch, TZ: 'Pacific/Kiritimati' }, 'epoch-a');
    const b = exportAs({ SOURCE_DATE_EPOCH: epoch, TZ: 'Pacific/Pago_Pago' }, 'epoch-b');
    expect(a.hash).toBe(b.hash);
    const core = strFromU8(unzipSync(a.bytes, { filter: (f) => f.name === 'docProps/core.xml' })['docProps/core.xml']!);
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:modified>');
  });
});

describe('reproducible bytes in-process', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('do not depend on the day the export runs', async () => {
    const workbook = planModel(DEFAULT_MODEL);
    const hashes: string[] = [];
    for (const day of ['1999-12-31T23:59:59Z', '2003-05-20T12:00:00Z', '2038-01-19T03:14:08Z']) {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(day));
      hashes.push(sha256(await xlsxBytes(workbook)));
      vi.useRealTimers();
    }
    expect(new Set(hashes).size).toBe(1);
  });

  it('store every zip entry with the fixed date 1980-01-01 00:00 and the parts in a stable order', async () => {
    const bytes = await xlsxBytes(planModel(DEFAULT_MODEL));
    const view = Buffer.from(bytes);
    const names: string[] = [];
    // Central directory entries: signature 0x02014b50; DOS time at +12, date at +14, name length at +28.
    for (let i = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = view.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
      expect({ time: view.readUInt16LE(i + 12), date: view.readUInt16LE(i + 14) }).toEqual({ time: 0, date: (0 << 9) | (1 << 5) | 1 });
      names.push(view.subarray(i + 46, i + 46 + view.readUInt16LE(i + 28)).toString('utf8'));
    }
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'docProps/core.xml']));
    expect(new Set(names).size).toBe(names.length);
    const again = await xlsxBytes(planModel(DEFAULT_MODEL));
    expect(sha256(again)).toBe(sha256(bytes));
  });
});
