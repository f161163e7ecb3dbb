#!/usr/bin/env node
// npm run bench: the figures of issue 20, each against a baseline measured in the same run on
// the same machine, as whole processes of the built CLI (bin/finbook.cjs), runs interleaved
// (figure, baseline, figure, ...) so that a change in the machine's load hits both alike:
//
//   default export   `finbook export` of the IIJ model       vs `node -e 0`               target <= 2.2x
//   large model      1,000 lines x 480 months x 3 sheets      vs the same cells' XML       target <= 1.5x
//                    (generated JSON, 1.45M cells)               through Node's zlib
//   3M cells         --lines 1000 --periods 1000 --sheets 3   (peak memory)                target < 450 MiB   (--huge)
//   10M cells        --lines 1000 --periods 3334 --sheets 3   (peak memory)                target < 1 GiB     (--huge)
//   batch            1,000 models of the default model's      vs the figure of main on     target: no slower
//                    size, one worker per core                   2026-12-02 (BATCH_MAIN_S),
//                                                                or --against DIR's CLI
//   PDFs             `finbook run` of 4 jobs with a PDF each  vs the same with one         target <= 0.5x
//                    less 1 job, less the same without PDFs,     LibreOffice per PDF
//                    / 3: a PDF after the first                  (FINBOOK_PYTHON=/nonexistent)
//
// Each figure: median, min and max of its runs and the peak resident memory of the process
// (a preloaded hook records process.resourceUsage().maxRSS at exit, worker threads included;
// LibreOffice's own processes are not counted).
//
//   node scripts/bench.mjs [--quick] [--markdown] [--huge] [--no-pdf] [--against DIR] [--runs N] [--batch-models N]
//     --quick      fewer runs (a smoke test, not a measurement)
//     --runs N     rounds of the large model (default 5), the batch and the PDFs (3 at most)
//     --batch-models N  models in the batch (default 1,000; a loaded machine may want fewer)
//     --markdown   also print the results as a Markdown table (docs/benchmarks.md)
//     --huge       also the 3M- and 10M-cell models (minutes; not measured otherwise)
//     --no-pdf     leave out the PDFs (they need LibreOffice and python3-uno, and take minutes)
//     --against D  also run D/bin/finbook.cjs (another checkout, built) interleaved with this
//                  one for the default export and the batch; the batch's baseline and target are
//                  then its median (instead of the same batch on one worker and BATCH_MAIN_S)
//
// The script also holds the zlib baseline, run as its own process:
//   node scripts/bench.mjs --zlib-baseline MODEL.json OUT.zip
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw } from 'node:zlib';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/finbook.cjs');
const MiB = 1024 * 1024;

/**
 * `finbook batch` of the bench's models on main as of 2026-12-02 (57d5b61), seconds per 1,000
 * models: 200 models in a median of 128.32 s over 3 runs on 2 workers, load average 14-16
 * (docs/benchmarks.md). A figure of that load only: prefer --against; FINBOOK_BENCH_BATCH_MAIN_S
 * records another.
 */
const BATCH_MAIN_S = Number(process.env.FINBOOK_BENCH_BATCH_MAIN_S ?? '641.6');

if (process.argv[2] === '--zlib-baseline') {
  await zlibBaseline(process.argv[3], process.argv[4]);
  process.exit(0);
}

const flag = (name) => process.argv.includes(name);
const quick = flag('--quick');
const markdown = flag('--markdown');
const huge = flag('--huge');
const pdfs = !flag('--no-pdf');
const againstAt = process.argv.indexOf('--against');
const AGAINST = againstAt > 0 ? join(resolve(process.argv[againstAt + 1]), 'bin/finbook.cjs') : null;
if (AGAINST && !existsSync(AGAINST)) {
  console.error(`bench: ${AGAINST} is missing (build that checkout first)`);
  process.exit(2);
}
const numberAfter = (name, fallback) => {
  const i = process.argv.indexOf(name);
  const n = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench: ${name} takes a whole number, got ${process.argv[i + 1]}`);
    process.exit(2);
  }
  return n;
};
const runs = numberAfter('--runs', quick ? 1 : 5);
const RUNS = { small: quick ? 5 : 21, large: runs, batch: Math.min(runs, 3), pdf: Math.min(runs, 3) };
const BATCH_MODELS = numberAfter('--batch-models', 1000);

const work = mkdtempSync(join(tmpdir(), 'finbook-bench-'));
const rssHook = join(work, 'rss-hook.cjs');
writeFileSync(rssHook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.FINBOOK_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");

/** One whole process: wall seconds and peak RSS in MiB; throws when it fails. */
function runOnce(args, env = {}, okCodes = [0]) {
  const rssFile = join(work, 'rss');
  rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', rssHook, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, FINBOOK_BENCH_RSS: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * MiB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!okCodes.includes(r.status)) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`.slice(0, 2000));
  return { seconds, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const shown = (args) => `node ${args.map((a) => a.replace(work, '$TMP').replace(ROOT + '/', '')).join(' ')}`;

function summarise(samples, args) {
  const s = samples.map((x) => x.seconds).sort((a, b) => a - b);
  return { runs: s.length, median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1], rssMiB: Math.max(...samples.map((x) => x.rssMiB)), command: shown(args) };
}

/** Several commands, their runs interleaved: [a, b, c, a, b, c, ...]. */
function measure(label, runs, commands) {
  process.stderr.write(`  ${label}: ${runs} round${runs === 1 ? '' : 's'} of ${commands.length} `);
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, k) => samples[k].push(runOnce(c.args, c.env)));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return commands.map((c, k) => summarise(samples[k], c.args));
}

const results = [];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} x ${availableParallelism()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`;
const loadAtStart = load();
console.log(`finbook bench, ${new Date().toISOString()}\n${machine}\nload average at start: ${loadAtStart}${quick ? '\n--quick: too few runs to be a measurement' : ''}\n`);

const ratio = (r) => r.figure.median / r.baseline.median;

try {
  // 1. the default export, whole process, against Node starting and doing nothing
  process.stderr.write('default export\n');
  const out = join(work, 'default.xlsx');
  const exportArgs = (bin) => [bin, 'export', '--quiet', '--out', out];
  for (let i = 0; i < 2; i++) runOnce(exportArgs(BIN)); // warm the file cache and finbook's YAML cache
  if (AGAINST) for (let i = 0; i < 2; i++) runOnce(exportArgs(AGAINST));
  const [figure, baseline, against] = measure('finbook export, node -e 0', RUNS.small, [{ args: exportArgs(BIN) }, { args: ['-e', '0'] }, ...(AGAINST ? [{ args: exportArgs(AGAINST) }] : [])]);
  results.push({ name: 'default export (IIJ model, whole process)', figure, baselineName: 'node -e 0', baseline, against, target: (r) => ratio(r) <= 2.2, targetText: '<= 2.2x node -e 0' });

  // 2. the large model, compute included, against the same cells' XML through zlib
  process.stderr.write('large model\n');
  const large = join(work, 'large.json');
  runOnce([BIN, 'generate', '--lines', '1000', '--periods', '480', '--sheets', '3', '--out', large]);
  const [lf, lb] = measure('finbook export, zlib', RUNS.large, [
    { args: [BIN, 'export', large, '--quiet', '--out', join(work, 'large.xlsx')] },
    { args: [fileURLToPath(import.meta.url), '--zlib-baseline', large, join(work, 'baseline.zip')] },
  ]);
  results.push({ name: 'large model (1,000 lines x 480 months x 3 sheets, 1.45M cells)', figure: lf, baselineName: 'the same cells as XML through zlib', baseline: lb, target: (r) => ratio(r) <= 1.5, targetText: '<= 1.5x the zlib floor' });
  rmSync(join(work, 'large.xlsx'), { force: true });
  rmSync(join(work, 'baseline.zip'), { force: true });

  // 3. huge models: memory must not grow with the number of cells
  if (huge)
    for (const [cells, periods, limitMiB] of [['3M', '1000', 450], ['10M', '3334', 1024]]) {
      process.stderr.write(`${cells} cells\n`);
      const model = join(work, `huge-${cells}.json`);
      runOnce([BIN, 'generate', '--lines', '1000', '--periods', periods, '--sheets', '3', '--out', model]);
      const [hf, hb] = measure('finbook export, zlib', 1, [
        { args: [BIN, 'export', model, '--quiet', '--out', join(work, 'huge.xlsx')] },
        { args: [fileURLToPath(import.meta.url), '--zlib-baseline', model, join(work, 'baseline.zip')] },
      ]);
      results.push({ name: `${cells} cells (1,000 lines x ${periods} months x 3 sheets)`, figure: hf, baselineName: 'the same cells as XML through zlib', baseline: hb, target: (r) => r.figure.rssMiB < limitMiB, targetText: `peak < ${limitMiB} MiB` });
      for (const f of [model, join(work, 'huge.xlsx'), join(work, 'baseline.zip')]) rmSync(f, { force: true });
    }

  // 4. a batch of 1,000 models of the default model's size, each a little different (as real
  // models are: no two the same text), parsed from YAML every time (FINBOOK_CACHE=off)
  process.stderr.write('batch\n');
  const models = join(work, 'models');
  mkdirSync(models);
  const text = readFileSync(join(ROOT, 'data/iij-fy2002.yaml'), 'utf8').replace(/^template: .*$/m, `template: ${join(ROOT, 'templates/iij-fy2002.yaml')}`);
  const files = Array.from({ length: BATCH_MODELS }, (_, i) => {
    const file = join(models, `model-${String(i + 1).padStart(4, '0')}.yaml`);
    writeFileSync(file, `# copy ${i + 1} of the default model\n${text}`);
    return file;
  });
  const jobs = availableParallelism();
  const batchArgs = (bin, n, dir) => [bin, 'batch', ...files, '--out', join(work, dir), '--quiet', '--jobs', String(n)];
  const off = { FINBOOK_CACHE: 'off' };
  // against another checkout: that checkout's same batch, interleaved; else the same batch on
  // one worker, and main's recorded figure as the target
  const [bf, bb] = measure(`finbook batch --jobs ${jobs}, ${AGAINST ? 'against' : '--jobs 1'}`, RUNS.batch, [
    { args: batchArgs(BIN, jobs, 'batch'), env: off },
    AGAINST ? { args: batchArgs(AGAINST, jobs, 'batch-against'), env: off } : { args: batchArgs(BIN, 1, 'batch-1'), env: off },
  ]);
  bf.command = `node bin/finbook.cjs batch $TMP/models/*.yaml --out $TMP/batch --quiet --jobs ${jobs}`;
  bb.command = AGAINST ? `the same with ${AGAINST}` : 'the same with --jobs 1';
  const limit = AGAINST ? bb.median : (BATCH_MAIN_S * BATCH_MODELS) / 1000;
  results.push({
    name: `batch of ${BATCH_MODELS.toLocaleString('en')} default-size models, ${jobs} workers`,
    figure: bf,
    baselineName: AGAINST ? `the same batch by ${AGAINST}` : 'the same batch on 1 worker',
    baseline: bb,
    // without --against, main's recorded figure (a machine under another load may miss it)
    target: () => Number.isFinite(limit) && bf.median <= limit,
    targetText: AGAINST ? `<= ${AGAINST}'s median` : Number.isFinite(limit) ? `<= ${limit.toFixed(2)} s (main, recorded)` : 'no slower than main: set FINBOOK_BENCH_BATCH_MAIN_S or --against',
    note: `${((bf.median / BATCH_MODELS) * 1000).toFixed(1)} ms a model`,
  });
  rmSync(models, { recursive: true, force: true });

  // 5. PDFs: what a PDF after the first costs in a jobs run, with one LibreOffice for all and
  // with one LibreOffice per PDF (how every PDF was printed before): the time 3 more jobs add
  // with PDFs, less the time they add without, per job
  if (pdfs) {
    process.stderr.write('PDFs\n');
    const jobsFile = (n, pdf) => {
      const f = join(work, `jobs-${n}-${pdf}.yaml`);
      const lines = Array.from({ length: n }, (_, i) => `  - { name: j${i + 1}, model: ${JSON.stringify(join(ROOT, 'data/iij-fy2002.yaml'))}, output: ${JSON.stringify(join(work, `pdf-${n}-${pdf}`, `j${i + 1}.xlsx`))}, pdf: ${pdf} }`);
      writeFileSync(f, `finbook_jobs: 1\njobs:\n${lines.join('\n')}\n`);
      return f;
    };
    const perFile = { FINBOOK_PYTHON: '/nonexistent' };
    const [r1, r4, n1, n4, p1, p4] = measure('run 1 and 4 jobs: PDFs reused, no PDFs, one LibreOffice per PDF', RUNS.pdf, [
      { args: [BIN, 'run', jobsFile(1, true)] },
      { args: [BIN, 'run', jobsFile(4, true)] },
      { args: [BIN, 'run', jobsFile(1, false)] },
      { args: [BIN, 'run', jobsFile(4, false)] },
      { args: [BIN, 'run', jobsFile(1, true)], env: perFile },
      { args: [BIN, 'run', jobsFile(4, true)], env: perFile },
    ]);
    const extra = (a, b) => {
      const m = (k) => (b[k] - a[k] - (n4[k] - n1[k])) / 3;
      return { runs: a.runs, median: m('median'), min: m('min'), max: m('max'), rssMiB: Math.max(a.rssMiB, b.rssMiB), command: `((${b.command}) - (${a.command}) - the same without PDFs) / 3` };
    };
    results.push({
      name: 'a PDF after the first in a jobs run',
      figure: extra(r1, r4),
      baselineName: 'the same, one LibreOffice per PDF',
      baseline: extra(p1, p4),
      target: (r) => ratio(r) <= 0.5,
      targetText: '<= 0.5x one LibreOffice per PDF',
      note: `whole runs (medians): 1 and 4 jobs with PDFs ${r1.median.toFixed(2)} s, ${r4.median.toFixed(2)} s; without ${n1.median.toFixed(2)} s, ${n4.median.toFixed(2)} s; one LibreOffice per PDF ${p1.median.toFixed(2)} s, ${p4.median.toFixed(2)} s`,
    });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const s = (x) => `${x.toFixed(x < 1 ? 3 : 2)} s`;
let missed = 0;
console.log('');
for (const r of results) {
  const ok = r.target(r);
  if (!ok) missed++;
  console.log(r.name);
  console.log(`  finbook   median ${s(r.figure.median)}  (min ${s(r.figure.min)}, max ${s(r.figure.max)}, ${r.figure.runs} runs)  peak ${r.figure.rssMiB.toFixed(0)} MiB`);
  console.log(`  baseline  median ${s(r.baseline.median)}  (min ${s(r.baseline.min)}, max ${s(r.baseline.max)}, ${r.baseline.runs} runs)  peak ${r.baseline.rssMiB.toFixed(0)} MiB  - ${r.baselineName}`);
  if (r.against) console.log(`  against   median ${s(r.against.median)}  (min ${s(r.against.min)}, max ${s(r.against.max)})  peak ${r.against.rssMiB.toFixed(0)} MiB  - ${AGAINST}`);
  if (r.note) console.log(`  ${r.note}`);
  console.log(`  ratio     ${ratio(r).toFixed(2)}x the baseline;  target ${r.targetText}: ${ok ? 'met' : 'MISSED'}`);
  console.log(`  command   ${r.figure.command}\n`);
}
if (!huge) console.log('3M and 10M cells: not measured (--huge)');
if (!pdfs) console.log('PDFs: not measured (--no-pdf)');
console.log(`load average at start: ${loadAtStart}, at end: ${load()}`);
if (markdown) {
  console.log(`\n| figure | median | min | max | peak RSS | baseline (median, peak) | ratio | target |\n|---|---|---|---|---|---|---|---|`);
  for (const r of results)
    console.log(
      `| ${r.name} | ${s(r.figure.median)} | ${s(r.figure.min)} | ${s(r.figure.max)} | ${r.figure.rssMiB.toFixed(0)} MiB | ${r.baselineName}: ${s(r.baseline.median)}, ${r.baseline.rssMiB.toFixed(0)} MiB | ${ratio(r).toFixed(2)}x | ${r.targetText}: ${r.target(r) ? 'met' : 'missed'} |`,
    );
}
process.exitCode = missed > 0 ? 1 : 0;

// ---------------------------------------------------------------------------------------
// The baseline for the large model: the same statement cells (labels, numbers, formulas with
// cached values, one style index each) written as worksheet XML straight into a zip through
// Node's zlib, with nothing computed, checked or styled. What finbook costs beyond this is
// the model itself: loading, Decimal computing, formula printing, checks, exceljs' package.
async function zlibBaseline(modelFile, outFile) {
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  const template = parseYaml(readFileSync(join(dirname(modelFile), model.template), 'utf8'));
  const out = createWriteStream(outFile);
  const central = [];
  let offset = 0;
  const put = (buf) =>
    new Promise((res) => {
      offset += buf.length;
      if (out.write(buf)) res();
      else out.once('drain', res);
    });
  const letters = (c) => {
    let s = '';
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  };
  for (const [si, sheet] of template.sheets.entries()) {
    const name = `xl/worksheets/sheet${si + 1}.xml`;
    const header = Buffer.alloc(30 + name.length);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(8, 6); // sizes and CRC in a data descriptor after the data
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(name.length, 26);
    header.write(name, 30);
    const start = offset;
    await put(header);
    const deflate = createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const done = new Promise((res) => deflate.on('end', res));
    deflate.on('data', (chunk) => {
      compressed += chunk.length;
      offset += chunk.length;
      out.write(chunk);
    });
    const feed = (text) => {
      const buf = Buffer.from(text);
      crc = crc32(buf, crc);
      size += buf.length;
      return deflate.write(buf) ? null : new Promise((res) => deflate.once('drain', res));
    };
    feed('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
    const cols = sheet.columns;
    const values = model.values[sheet.id] ?? {};
    const rowOf = new Map();
    let r = 6;
    for (const line of sheet.lines) {
      r++;
      if (line.blank) continue;
      if (line.id) rowOf.set(line.id, r);
      let xml = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${line.label ?? ''}</t></is></c>`;
      if (line.id) {
        const total = rowOf.get('total') ?? r;
        cols.forEach((c, ci) => {
          if (line.format === 'percent' && c.kind !== 'value') return;
          const col = letters(ci + 1);
          const v = values[line.id]?.[c.period];
          if (c.kind === 'value' && line.formula === undefined) xml += `<c r="${col}${r}" s="1"><v>${v}</v></c>`;
          else if (c.kind === 'value') xml += `<c r="${col}${r}" s="2"><f>SUM(${col}${r - 6}:${col}${r - 1})</f><v>${r * 1000 + ci}</v></c>`;
          else xml += `<c r="${col}${r}" s="3"><f>IF(${col}$${total}=0,0,${col}${r}/${col}$${total})</f><v>0.${r}</v></c>`;
        });
      }
      const wait = feed(`${xml}</row>`);
      if (wait) await wait;
    }
    feed('</sheetData></worksheet>');
    deflate.end();
    await done;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await put(descriptor);
    central.push({ name, crc, compressed, size, start });
  }
  const dirStart = offset;
  for (const e of central) {
    const h = Buffer.alloc(46 + e.name.length);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.compressed, 20);
    h.writeUInt32LE(e.size, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.start, 42);
    h.write(e.name, 46);
    await put(h);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(offset - dirStart, 12);
  end.writeUInt32LE(dirStart, 16);
  await put(end);
  await new Promise((res) => out.end(res));
  if (statSync(outFile).size !== offset) throw new Error('baseline: the zip is not the size written');
}
