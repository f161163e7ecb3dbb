// Temporary directories for tests. Each one made here is removed after the test file that
// made it has run (test/setup/remove-temp-dirs.ts calls removeTempDirs in an afterAll), so a
// test may create and forget them; the run's own TMPDIR (test/setup/temp-root.ts) proves it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'finbook-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Remove every directory tempDir made in this test file (and whatever is in them). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
