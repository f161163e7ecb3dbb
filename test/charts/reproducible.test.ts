// The package with charts is reproducible: equal input gives equal bytes, in any time zone,
// with every zip entry dated 1980-01-01 00:00. A template without charts gets no chart parts
// and no Charts sheet (and keeps the streaming writer).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { runCli, tempDir } from '../helpers/cli.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';

const FIXTURE = join(__dirname, 'fixtures/basic/model.yaml');

/** Name, DOS time and DOS date of every central-directory entry (APPNOTE 4.3.12). */
function zipEntries(bytes: Uint8Array): { name: string; time: number; date: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: { name: string; time: number; date: number }[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    out.push({ name, time: view.getUint16(at + 12, true), date: view.getUint16(at + 14, true) });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

async function exportTo(model: string, name: string): Promise<Uint8Array> {
  const out = join(tempDir(), name);
  const r = await runCli(['export', model, '--out', out, '--quiet']);
  expect(r.stderr).toBe('');
  return readFileSync(out);
}

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('a workbook with charts', () => {
  it('is byte-identical for identical input, whatever the time zone', async () => {
    process.env.TZ = 'UTC';
    const first = await exportTo(FIXTURE, 'a.xlsx');
    const again = await exportTo(FIXTURE, 'b.xlsx');
    process.env.TZ = 'Pacific/Auckland';
    const east = await exportTo(FIXTURE, 'c.xlsx');
    process.env.TZ = 'America/Los_Angeles';
    const west = await exportTo(FIXTURE, 'd.xlsx');
    expect(Buffer.compare(first, again)).toBe(0);
    expect(Buffer.compare(first, east)).toBe(0);
    expect(Buffer.compare(first, west)).toBe(0);
  });

  it('dates every zip entry 1980-01-01 00:00 and keeps the content types first', async () => {
    process.env.TZ = 'Asia/Tokyo';
    const entries = zipEntries(await exportTo(FIXTURE, 'e.xlsx'));
    // DOS date: (year - 1980) << 9 | month << 5 | day; time 00:00:00 is 0
    expect(new Set(entries.map((e) => `${e.date}/${e.time}`))).toEqual(new Set([`${(1 << 5) | 1}/0`]));
    expect(entries[0]!.name).toBe('[Content_Types].xml');
    expect(entries.filter((e) => /^xl\/(charts|drawings)\//.test(e.name)).map((e) => e.name)).toEqual([
      'xl/drawings/drawing1.xml',
      'xl/drawings/_rels/drawing1.xml.rels',
      'xl/charts/chart1.xml',
      'xl/drawings/drawing2.xml',
      'xl/drawings/_rels/drawing2.xml.rels',
      'xl/charts/chart2.xml',
      'xl/charts/chart3.xml',
      'xl/charts/chart4.xml',
      'xl/charts/chart5.xml',
    ]);
  });

  it('declares a content type for every drawing and chart part', async () => {
    const parts = unzipSync(await exportTo(FIXTURE, 'f.xlsx'));
    const types = new TextDecoder().decode(parts['[Content_Types].xml']);
    for (const name of Object.keys(parts).filter((n) => /^xl\/(charts|drawings)\/[^/]+\.xml$/.test(n)))
      expect(types).toContain(`<Override PartName="/${name}" ContentType="application/vnd.openxmlformats-officedocument.${name.includes('charts') ? 'drawingml.chart' : 'drawing'}+xml"/>`);
  });
});

it('a template without charts gets no chart parts and no Charts sheet', async () => {
  const dir = tempDir();
  const template = readFileSync(join(__dirname, 'fixtures/basic/template.yaml'), 'utf8');
  const plain = join(dir, 'template.yaml');
  const { writeFileSync, copyFileSync } = await import('node:fs');
  writeFileSync(plain, template.slice(0, template.indexOf('\ncharts:\n')));
  copyFileSync(join(__dirname, 'fixtures/basic/model.yaml'), join(dir, 'model.yaml'));
  const bytes = await exportTo(join(dir, 'model.yaml'), 'plain.xlsx');
  expect(Object.keys(unzipSync(bytes)).filter((n) => /chart|drawing/.test(n))).toEqual([]);
  expect(readXlsx(bytes).sheets.map((s) => s.name)).not.toContain('Charts');
});
