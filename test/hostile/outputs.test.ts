// finbook writes only to a regular file or a new path: devices, FIFOs, sockets and the
// command's own input files are refused with exit code 2 and left exactly as they were; a
// symbolic link is followed to the file it names. Device nodes are made here with mknod.
import { createServer } from 'node:net';
import { existsSync, linkSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin, runCli } from '../helpers/cli.js';
import { baseCopy, canMknod, charDevice, cleanUp, fifo, mustMknod } from './files.js';

afterEach(cleanUp);

const isZip = (path: string): boolean => readFileSync(path).subarray(0, 2).toString('latin1') === 'PK';

/** Export the base model to `out`; the output must be refused (exit 2, one line naming it). */
async function refused(dir: string, out: string, why: RegExp): Promise<void> {
  const r = await runCli(['export', join(dir, 'model.yaml'), '--out', out]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(/^will not write .+: /);
  expect(r.stderr).toMatch(why);
  // nothing beside it either: no lock, no temporary file
  expect(readdirSync(dir).filter((n) => n.includes('.finbook-'))).toEqual([]);
}

describe.runIf(mustMknod)('device nodes as --out (made with mknod in a temporary directory)', () => {
  it.each([
    ['/dev/null numbers', 3],
    ['/dev/zero numbers', 5],
  ] as const)('a character device with %s is refused and stays a device', async (_, minor) => {
    expect(canMknod, 'mknod needs root').toBe(true);
    const dir = baseCopy();
    const dev = charDevice(join(dir, 'device.xlsx'), minor);
    const before = statSync(dev);
    await refused(dir, dev, /it is a character device; finbook writes only to a regular file or a new path/);
    const after = lstatSync(dev);
    expect(after.isCharacterDevice()).toBe(true);
    expect([after.rdev, after.ino]).toEqual([before.rdev, before.ino]);
  });
});

describe('other files that are not regular files', () => {
  it('a FIFO is refused at once and stays a FIFO (no reader waits on it)', async () => {
    const dir = baseCopy();
    const pipe = fifo(join(dir, 'pipe.xlsx'));
    await refused(dir, pipe, /it is a named pipe \(FIFO\)/);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it('a socket is refused', async () => {
    const dir = baseCopy();
    const path = join(dir, 'socket.xlsx');
    const server = createServer();
    await new Promise<void>((res) => server.listen(path, res));
    try {
      await refused(dir, path, /it is a socket/);
      expect(lstatSync(path).isSocket()).toBe(true);
    } finally {
      await new Promise<void>((res) => server.close(() => res()));
    }
  });

  it('so is the --pdf beside a workbook when it is a FIFO, before the workbook is written', async () => {
    const dir = baseCopy();
    fifo(join(dir, 'book.pdf'));
    const r = await runCli(['export', join(dir, 'model.yaml'), '--out', join(dir, 'book.xlsx'), '--pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/will not write .*book\.pdf: it is a named pipe/);
    expect(existsSync(join(dir, 'book.xlsx'))).toBe(false);
  });
});

describe('the command’s own inputs', () => {
  // --out must end in .xlsx, so the input is reached through a link with that name
  it.each(['model.yaml', 'template.yaml'])('--out naming %s (through a link) is refused and the file keeps its text', async (name) => {
    const dir = baseCopy();
    const before = readFileSync(join(dir, name), 'utf8');
    symlinkSync(join(dir, name), join(dir, 'looks-like-a-workbook.xlsx'));
    await refused(dir, join(dir, 'looks-like-a-workbook.xlsx'), /one of the files this command reads; finbook never writes over its input/);
    expect(readFileSync(join(dir, name), 'utf8')).toBe(before);
  });

  it('--out model.yaml is refused for its extension before anything is opened', async () => {
    const dir = baseCopy();
    const before = readFileSync(join(dir, 'model.yaml'), 'utf8');
    const r = await runCli(['export', join(dir, 'model.yaml'), '--out', join(dir, 'model.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/finbook writes \.xlsx workbooks/);
    expect(readFileSync(join(dir, 'model.yaml'), 'utf8')).toBe(before);
  });

  it('a hard link to the model is the model', async () => {
    const dir = baseCopy();
    linkSync(join(dir, 'model.yaml'), join(dir, 'hard.xlsx'));
    await refused(dir, join(dir, 'hard.xlsx'), /model\.yaml, one of the files this command reads/);
  });

  it('a values CSV given with --values is an input too', async () => {
    const dir = baseCopy();
    writeFileSync(join(dir, 'values.csv'), 'line,period,value\nis.revenue,FY02,1200\n');
    const model = readFileSync(join(dir, 'model.yaml'), 'utf8').replace('revenue: { FY02: 1200, FY01: 1000 }', 'revenue: { FY01: 1000 }');
    writeFileSync(join(dir, 'model.yaml'), model);
    const r = await runCli(['export', join(dir, 'model.yaml'), '--values', join(dir, 'values.csv'), '--out', join(dir, 'values.csv')]);
    expect(r.code, r.stderr).toBe(2);
    expect(readFileSync(join(dir, 'values.csv'), 'utf8')).toContain('is.revenue');
  });

  it('init --force will not write the model over the template it reads', async () => {
    const dir = baseCopy();
    const before = readFileSync(join(dir, 'template.yaml'), 'utf8');
    const r = await runCli(['init', '--template', join(dir, 'template.yaml'), '--entity', 'X', '--currency', 'USD', '--periods', 'FY02', '--out', join(dir, 'template.yaml'), '--force']);
    expect(r.code, r.stderr).toBe(2);
    expect(readFileSync(join(dir, 'template.yaml'), 'utf8')).toBe(before);
  });
});

describe('symbolic links', () => {
  it('a link to a workbook is followed: the file it names is replaced and the link stays', async () => {
    const dir = baseCopy();
    writeFileSync(join(dir, 'real.xlsx'), 'an old workbook');
    symlinkSync('real.xlsx', join(dir, 'link.xlsx'));
    const r = await runCli(['export', join(dir, 'model.yaml'), '--out', join(dir, 'link.xlsx'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.xlsx')).isSymbolicLink()).toBe(true);
    expect(isZip(join(dir, 'real.xlsx'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.xlsx', 'model.yaml', 'real.xlsx', 'template.yaml']);
  });

  it('a link to the model is refused', async () => {
    const dir = baseCopy();
    symlinkSync('model.yaml', join(dir, 'link.xlsx'));
    await refused(dir, join(dir, 'link.xlsx'), /model\.yaml, one of the files this command reads/);
    expect(readFileSync(join(dir, 'model.yaml'), 'utf8')).toMatch(/^# The valid model/);
  });

  it('a link that points to nothing is refused, and nothing is created where it points', async () => {
    const dir = baseCopy();
    symlinkSync('missing.xlsx', join(dir, 'dangling.xlsx'));
    await refused(dir, join(dir, 'dangling.xlsx'), /a symbolic link to missing\.xlsx, which does not exist/);
    expect(existsSync(join(dir, 'missing.xlsx'))).toBe(false);
  });

  it('a link to a FIFO is refused', async () => {
    const dir = baseCopy();
    fifo(join(dir, 'pipe'));
    symlinkSync('pipe', join(dir, 'link.xlsx'));
    await refused(dir, join(dir, 'link.xlsx'), /named pipe \(FIFO\) \(through the link to .*pipe\)/);
  });
});

describe('the built CLI as a process', () => {
  it('export m.yaml --out m.yaml exits 2 and leaves the model', () => {
    const dir = baseCopy();
    const before = readFileSync(join(dir, 'model.yaml'));
    const r = runBin(['export', join(dir, 'model.yaml'), '--out', join(dir, 'model.yaml')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'model.yaml'))).toEqual(before);
  });
});
