#!/usr/bin/env node
// Large models, time and peak memory (issue 20, items 1 and 2), as whole processes of the
// built CLI, each against its baseline measured in the same run:
//
//   large model   1,000 lines x 480 months x 3 sheets (1.45M cells)   vs the same cells' XML through
//                                                                       zlib (bench.mjs --zlib-baseline)
//                 target: median <= 1.5x the floor's median
//   3M cells      1,000 lines x 1,000 months x 3 sheets               target: peak RSS < 450 MiB
//   10M cells     1,000 lines x 1,000 months x 10 sheets              target: completes, peak RSS < 1 GiB
//   10M wide      1,000 lines x 3,334 months x 3 sheets (as bench.mjs --huge makes it: values grow
//                 past 10^16, tens of thousands of precision warnings)  target: as 10M cells
//
// Runs of finbook and of the floor are interleaved (the machine is shared: a burst of other
// work then falls on both). Peak RSS is process.resourceUsage().maxRSS, recorded at exit by
// a preloaded hook, as bench.mjs records it.
//
//   node scripts/bench-large.mjs [--runs N] [--only large|3m|10m|10m-wide]... [--compare DIR]
//     --compare DIR  also run DIR/bin/finbook.cjs (another build, e.g. main's), interleaved
// Exits 1 when a target is missed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/finbook.cjs');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', '3'));
const only = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--only' ? [a] : []));
const wanted = (name) => only.length === 0 || only.includes(name);
const compare = arg('--compare', undefined);
const OTHER = compare && join(resolve(compare), 'bin/finbook.cjs');

const work = mkdtempSync(join(tmpdir(), 'finbook-bench-large-'));
const rssHook = join(work, 'rss-hook.cjs');
writeFileSync(rssHook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.FINBOOK_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");

// FINBOOK_MAX_INPUT_MIB: a 10M-cell model is a 150 MiB JSON file, over the default 64 MiB input limit.
function runOnce(args) {
  const rssFile = join(work, 'rss');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', rssHook, ...args], { cwd: ROOT, env: { ...process.env, FINBOOK_MAX_INPUT_MIB: '512', FINBOOK_BENCH_RSS: rssFile }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`.slice(0, 2000));
  return { seconds, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (s) => `${s.toFixed(2)} s`;
let failed = false;

function generate(name, lines, periods, sheets) {
  const model = join(work, `${name}.json`);
  runOnce([BIN, 'generate', '--lines', String(lines), '--periods', String(periods), '--sheets', String(sheets), '--out', model]);
  return model;
}

try {
  console.log(`finbook bench-large, ${new Date().toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (wanted('large')) {
    const model = generate('large', 1000, 480, 3);
    const ours = [];
    const floor = [];
    const other = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(runOnce([BIN, 'export', model, '--quiet', '--out', join(work, 'large.xlsx')]));
      if (OTHER) other.push(runOnce([OTHER, 'export', model, '--quiet', '--out', join(work, 'other.xlsx')]));
      floor.push(runOnce([join(ROOT, 'scripts/bench.mjs'), '--zlib-baseline', model, join(work, 'floor.zip')]));
      process.stderr.write('.');
    }
    const m = median(ours.map((x) => x.seconds));
    const f = median(floor.map((x) => x.seconds));
    const ratio = m / f;
    const ok = ratio <= 1.5;
    failed ||= !ok;
    if (OTHER) console.log(`large model, ${compare}: median ${fmt(median(other.map((x) => x.seconds)))} [${other.map((x) => x.seconds.toFixed(2)).join(' ')}], peak ${Math.max(...other.map((x) => x.rssMiB)).toFixed(0)} MiB, ratio ${(median(other.map((x) => x.seconds)) / f).toFixed(2)}x`);
    console.log(`large model (1.45M cells): median ${fmt(m)} [${ours.map((x) => x.seconds.toFixed(2)).join(' ')}], peak ${Math.max(...ours.map((x) => x.rssMiB)).toFixed(0)} MiB; floor ${fmt(f)} [${floor.map((x) => x.seconds.toFixed(2)).join(' ')}]; ratio ${ratio.toFixed(2)}x (target <= 1.5x: ${ok ? 'met' : 'MISSED'})`);
  }
  for (const [name, periods, sheets, limit] of [['3m', 1000, 3, 450], ['10m', 1000, 10, 1024], ['10m-wide', 3334, 3, 1024]]) {
    if (!wanted(name)) continue;
    const model = generate(name, 1000, periods, sheets);
    const runs = [];
    const other = [];
    for (let i = 0; i < (name.startsWith('10m') ? 1 : RUNS); i++) {
      runs.push(runOnce([BIN, 'export', model, '--quiet', '--out', join(work, `${name}.xlsx`)]));
      // the other build may fail where this one does not (main ran out of heap on the wide model)
      if (OTHER)
        try {
          other.push(runOnce([OTHER, 'export', model, '--quiet', '--out', join(work, `${name}-other.xlsx`)]));
        } catch (e) {
          console.log(`${name} cells, ${compare}: failed: ${String(e.message).split('\n').slice(0, 3).join(' ').slice(0, 300)}`);
        }
    }
    if (other.length > 0) console.log(`${name} cells, ${compare}: median ${fmt(median(other.map((x) => x.seconds)))}, peak ${Math.max(...other.map((x) => x.rssMiB)).toFixed(0)} MiB`);
    const peak = Math.max(...runs.map((x) => x.rssMiB));
    const ok = peak < limit;
    failed ||= !ok;
    console.log(`${name} cells (1,000 lines x ${periods.toLocaleString('en-US')} months x ${sheets} sheets): median ${fmt(median(runs.map((x) => x.seconds)))}, peak ${peak.toFixed(0)} MiB (target < ${limit} MiB: ${ok ? 'met' : 'MISSED'})`);
    rmSync(model);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
