// finbook reads only regular files of up to 64 MiB, in UTF-8 (or UTF-16 with a byte-order
// mark): a FIFO or a device named as an input is refused at once (it never hangs or reads
// without end), and text in another encoding is refused at its first bad byte's line and
// column instead of being read with replacement characters.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeText, firstBadUtf8 } from '../../src/input/decode.js';
import { runBin, runCli } from '../helpers/cli.js';
import { baseCopy, canMknod, charDevice, cleanUp, fifo, mustMknod } from './files.js';

afterEach(cleanUp);

const model = (dir: string): string => join(dir, 'model.yaml');
const edit = (path: string, from: string, to: string | Buffer): void => {
  const text = readFileSync(path, 'latin1');
  expect(text).toContain(from);
  const [head, tail] = [text.slice(0, text.indexOf(from)), text.slice(text.indexOf(from) + from.length)];
  writeFileSync(path, Buffer.concat([Buffer.from(head, 'latin1'), typeof to === 'string' ? Buffer.from(to, 'utf8') : to, Buffer.from(tail, 'latin1')]));
};

describe('files that are not regular files', () => {
  it('a model that is a FIFO is refused at once (validate, export and through the process)', async () => {
    const dir = baseCopy();
    const pipe = fifo(join(dir, 'pipe.yaml'));
    const r = await runCli(['validate', pipe]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pipe\.yaml:1:1 cannot read the model: it is a named pipe \(FIFO\), not a regular file/);
    const p = runBin(['export', pipe, '--out', join(dir, 'x.xlsx')]);
    expect(p.code).toBe(2);
  });

  it('a template that is a FIFO is reported where the model names it', async () => {
    const dir = baseCopy();
    fifo(join(dir, 'pipe.yaml'));
    edit(model(dir), 'template: template.yaml', 'template: pipe.yaml');
    const r = await runCli(['validate', model(dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/model\.yaml:3:11 template: cannot read the template .*pipe\.yaml: it is a named pipe \(FIFO\)/);
  });

  it('a values file that is a FIFO is refused', async () => {
    const dir = baseCopy();
    const r = await runCli(['validate', model(dir), '--values', fifo(join(dir, 'values.csv'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/values\.csv:1:1 cannot read the values file: it is a named pipe/);
  });

  it.runIf(mustMknod)('a character device with /dev/zero’s numbers is refused without reading it', async () => {
    expect(canMknod, 'mknod needs root').toBe(true);
    const dir = baseCopy();
    const zero = charDevice(join(dir, 'zero.yaml'), 5);
    const r = await runCli(['validate', zero]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/zero\.yaml:1:1 cannot read the model: it is a character device, not a regular file/);
  });

  it('a file over 64 MiB is refused by its size, before it is read', async () => {
    const dir = baseCopy();
    truncateSync(model(dir), 64 * 1024 * 1024 + 1); // sparse: nothing is written to the disk
    const r = await runCli(['validate', model(dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read the model: it is 64 MiB; finbook reads files of up to 64 MiB/);
  });

  it.each([
    ['lowers the limit below a model', '1', 2, /cannot read the model: it is 2 MiB; finbook reads files of up to 1 MiB \(FINBOOK_MAX_INPUT_MIB sets another limit\)/],
    ['raises it above a model', '3', 0, /checks OK/],
    ['is refused when it is not a whole number of MiB', '1.5', 2, /FINBOOK_MAX_INPUT_MIB="1\.5" is not a whole number of MiB from 1 to 4096/],
    ['is refused when it is out of range', '5000', 2, /FINBOOK_MAX_INPUT_MIB="5000" is not a whole number/],
  ])('FINBOOK_MAX_INPUT_MIB %s', (_what, mib, code, message) => {
    const dir = baseCopy();
    // a valid 2 MiB model: the YAML ends in a comment that pads it
    writeFileSync(model(dir), Buffer.concat([readFileSync(model(dir)), Buffer.from(`\n# ${'x'.repeat(2 * 1024 * 1024)}\n`)]));
    const r = runBin(['validate', model(dir)], { env: { FINBOOK_MAX_INPUT_MIB: mib } });
    expect(r.code, r.stderr).toBe(code);
    expect(code === 0 ? r.stdout : r.stderr).toMatch(message);
  });

  it('verify refuses a workbook that is a FIFO', async () => {
    const dir = baseCopy();
    const r = await runCli(['verify', fifo(join(dir, 'book.xlsx'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*book\.xlsx: it is a named pipe/);
  });
});

describe('encodings', () => {
  it('a model saved in Windows-1252 is refused at the first byte that is not UTF-8', async () => {
    const dir = baseCopy();
    edit(model(dir), 'name: Acme Corp', Buffer.from('name: M\xfcller AG', 'latin1'));
    const r = await runCli(['validate', model(dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("model.yaml:5:10 cannot read the model: the file is not UTF-8: byte 0xFC (in Windows-1252 it would be 'ü') does not start a UTF-8 character; save the file as UTF-8");
  });

  it.each(['utf16le', 'utf16be'] as const)('a model in %s with a byte-order mark reads as its UTF-8 twin', async (encoding) => {
    const dir = baseCopy();
    const text = readFileSync(model(dir), 'utf8').replace('name: Acme Corp', 'name: Müller AG');
    const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
    if (encoding === 'utf16be') bytes.swap16();
    writeFileSync(model(dir), bytes);
    const r = await runCli(['validate', model(dir), '--json']);
    expect(r.code, r.stderr).toBe(0);
    // a mistake in it is placed as in the UTF-8 file
    writeFileSync(model(dir), Buffer.from(`\ufeff${text.replace('scale: thousands', 'scale: thousandz')}`, 'utf16le'));
    const bad = await runCli(['validate', model(dir)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/model\.yaml:8:10 entity\.scale: /);
  });

  it('UTF-16 without a byte-order mark is named as such', async () => {
    const dir = baseCopy();
    writeFileSync(model(dir), Buffer.from(readFileSync(model(dir), 'utf8'), 'utf16le'));
    const r = await runCli(['validate', model(dir)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('model.yaml:1:2 cannot read the model: the file looks like UTF-16 without a byte-order mark; save it as UTF-8');
  });

  it.each([
    ['DEL', 'label: "Revenue"', 'label: "Reve\u007fnue"', /template\.yaml:\d+:\d+ sheets\[0\]\.lines\[0\]\.label: contains the control character U\+007F \(DEL\) at position 5/],
    ['a carriage return', 'label: "Revenue"', 'label: "Reve\\rnue"', /template\.yaml:\d+:\d+ sheets\[0\]\.lines\[0\]\.label: contains a carriage return \(U\+000D\) at position 5/],
  ])('%s in a label is refused, not dropped or turned into a line feed', async (_, from, to, message) => {
    const dir = baseCopy();
    edit(join(dir, 'template.yaml'), from, to);
    const r = await runCli(['export', model(dir), '--out', join(dir, 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('decodeText and firstBadUtf8 (table)', () => {
  it.each([
    ['plain ASCII', [0x61, 0x0a, 0x62], { ok: true, text: 'a\nb' }],
    ['a UTF-8 byte-order mark is dropped', [0xef, 0xbb, 0xbf, 0x61], { ok: true, text: 'a' }],
    ['an overlong slash', [0x61, 0xc0, 0xaf], { ok: false, line: 1, col: 2 }],
    ['a surrogate in UTF-8', [0x0a, 0x0a, 0x78, 0xed, 0xa0, 0x80], { ok: false, line: 3, col: 2 }],
    ['a truncated sequence at the end', [0x61, 0xe2, 0x82], { ok: false, line: 1, col: 2 }],
    ['UTF-32', [0xff, 0xfe, 0, 0, 0x61, 0, 0, 0], { ok: false, line: 1, col: 1 }],
    ['UTF-16LE with a lone surrogate', [0xff, 0xfe, 0x61, 0, 0x00, 0xd8, 0x62, 0], { ok: false, line: 1, col: 2 }],
  ])('%s', (_, bytes, expected) => {
    expect(decodeText(Uint8Array.from(bytes))).toMatchObject(expected);
  });

  it('agrees with Node on what is UTF-8', () => {
    for (const s of ['', 'abc', 'Müller', '€ 12', '\u{1F600}', '\uFFFD']) expect(firstBadUtf8(Buffer.from(s))).toBe(Buffer.byteLength(s));
  });
});
