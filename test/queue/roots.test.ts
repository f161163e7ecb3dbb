// A worker's roots: a path is inside one after symbolic links are resolved, whether or not
// the file exists yet.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveRoots, rootOf } from '../../src/queue/roots.js';
import { tempDir } from '../helpers/cli.js';

const base = tempDir('finbook-roots-');
const root = join(base, 'root');
const outside = join(base, 'outside');
mkdirSync(join(root, 'models'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(root, 'models', 'a.yaml'), 'x');
writeFileSync(join(outside, 'secret.yaml'), 'x');
symlinkSync(outside, join(root, 'link-out'));
symlinkSync(join(root, 'models'), join(base, 'link-in'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('rootOf', () => {
  it.each([
    ['a model inside', join(root, 'models', 'a.yaml'), true],
    ['a workbook not yet written, in a directory not yet made', join(root, 'out', 'new', 'a.xlsx'), true],
    ['the root itself', root, true],
    ['a file beside the root', join(outside, 'secret.yaml'), false],
    ['a path climbing out with ..', join(root, 'models', '..', '..', 'outside', 'secret.yaml'), false],
    ['a symbolic link inside the root to a directory outside', join(root, 'link-out', 'secret.yaml'), false],
    ['a new file under a link that leads out', join(root, 'link-out', 'new', 'b.xlsx'), false],
    ['a link outside the root that leads into it', join(base, 'link-in', 'a.yaml'), true],
    ['a sibling whose name starts like the root', `${root}-other/a.xlsx`, false],
    ['/etc/passwd', '/etc/passwd', false],
  ])('%s', (_, path, inside) => {
    const roots = resolveRoots([root]);
    expect(roots.ok).toBe(true);
    expect(rootOf(path, roots.ok ? roots.roots : []) !== null).toBe(inside);
  });
});

describe('resolveRoots', () => {
  it('takes the working directory when no root is given', () => {
    expect(resolveRoots([], root)).toEqual({ ok: true, roots: [root] });
  });

  it('refuses a root that does not exist or is a file', () => {
    expect(resolveRoots([join(base, 'nope')])).toEqual({ ok: false, message: `--root ${join(base, 'nope')}: no such directory` });
    expect(resolveRoots([join(root, 'models', 'a.yaml')])).toEqual({ ok: false, message: `--root ${join(root, 'models', 'a.yaml')}: not a directory` });
  });
});
