// Test fixtures for hostile-input tests: a copy of the error battery's base model and
// template in a fresh temporary directory (removed by `cleanUp`), and device nodes made with
// mknod inside it (never the machine's own /dev files).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE = join(__dirname, '../errors/base');

const made: string[] = [];

/** A temporary directory holding model.yaml and template.yaml (the battery's valid base). */
export function baseCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'finbook-hostile-'));
  made.push(dir);
  copyFileSync(join(BASE, 'model.yaml'), join(dir, 'model.yaml'));
  copyFileSync(join(BASE, 'template.yaml'), join(dir, 'template.yaml'));
  return dir;
}

export function cleanUp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Device nodes need root; on CI a missing permission fails the test instead of skipping it. */
export const canMknod = process.getuid?.() === 0;
export const mustMknod = canMknod || process.env.CI !== undefined;

/** A character device with the numbers of /dev/null (1, 3) or /dev/zero (1, 5), at `path`. */
export function charDevice(path: string, minor: 3 | 5): string {
  execFileSync('mknod', [path, 'c', '1', String(minor)]);
  return path;
}

export function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}
