// A third engine for tests: Gnumeric (`ssconvert --recalc`, Debian package gnumeric) loads
// the workbook, recalculates every formula from the formulas and inputs alone, and writes it
// back out as .xlsx with its own results as the cached values, which readXlsx reads.
// Tests that need it run when ssconvert is installed, and under CI always: there a missing
// ssconvert fails them (with the install command) instead of skipping them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import type { ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';

export const GNUMERIC_INSTALL = 'apt-get install -y --no-install-recommends gnumeric';

export const gnumericAvailable = !spawnSync('ssconvert', ['--version']).error;
export const describeWithGnumeric = gnumericAvailable || process.env.CI ? describe : describe.skip;

/** The workbook after Gnumeric recalculated it (its HOME and temp files in a directory removed afterwards). */
export function recalculateWithGnumeric(xlsx: Uint8Array): ReadWorkbook {
  if (!gnumericAvailable) throw new Error(`ssconvert (Gnumeric) is not installed: ${GNUMERIC_INSTALL}`);
  const dir = mkdtempSync(join(tmpdir(), 'finbook-gnumeric-'));
  try {
    const input = join(dir, 'in.xlsx');
    const output = join(dir, 'out.xlsx');
    writeFileSync(input, xlsx);
    const r = spawnSync('ssconvert', ['--recalc', '--export-type=Gnumeric_Excel:xlsx2', input, output], {
      encoding: 'utf8',
      timeout: 60_000,
      // Gnumeric's GSettings and caches go to the throw-away directory, not the user's home
      env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), GSETTINGS_BACKEND: 'memory' },
    });
    if (r.status !== 0) throw new Error(`ssconvert failed (exit ${r.status ?? r.signal}): ${r.stderr.slice(-500)}`);
    return readXlsx(readFileSync(output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
