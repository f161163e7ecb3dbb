// The layer rule (.dependency-cruiser.cjs, docs/architecture.md) run on a small tree that
// breaks each of its rules once (fixtures/layers/src): every rule must catch its break, and
// nothing else may be reported. `npm run lint:deps` runs the same rules on src/.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violations(): string[] {
  const fixture = join(ROOT, 'test', 'structure', 'fixtures', 'layers');
  let out: string;
  try {
    out = execFileSync(process.execPath, [join(ROOT, 'node_modules', '.bin', 'depcruise'), 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], { cwd: fixture, encoding: 'utf8', maxBuffer: 16 << 20 });
  } catch (e) {
    // depcruise exits with the number of errors; the report is on stdout all the same
    out = (e as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from}`).sort();
}

describe('the layer rule', () => {
  it('reports each break of the fixture tree under its rule, and nothing else', () => {
    expect(violations()).toEqual([
      'every-module-has-a-layer: src/newdir/unplaced.ts',
      'exceljs-internals-behind-the-seam: src/write/reaches-in.ts',
      'leaves-stay-leaves: src/layout/a1.ts',
      'no-cycle: src/compute/first.ts',
      'no-upward-from-model: src/model/loads-a-plan.ts',
      'only-cli-imports-cli: src/jobs/uses-cli.ts',
    ]);
  });
});
