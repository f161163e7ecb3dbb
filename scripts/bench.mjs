#!/usr/bin/env node
// npm run bench: the three figures finbook promises, each against a baseline measured in the
// same run on the same machine, as whole processes of the built CLI (bin/finbook.cjs):
//
//   default export    `finbook export` of the IIJ model     vs `node -e 0`          target: median < 0.35 s
//   large model       1,000 lines x 480 months x 3 sheets    vs the same cells' XML  target: <= 8 s, < 500 MiB
//                     (generated, JSON), compute included       through Node's zlib
//   batch             1,000 models of the default model's    vs the same batch on    target: < 10 s
//                     size, one worker per core                 one worker
//
// Each figure: median, min and max of several runs, and the peak resident memory of the
// process (a preloaded hook records process.resourceUsage().maxRSS at exit).
//
//   node scripts/bench.mjs [--quick] [--markdown]
//     --quick     fewer runs (a smoke test, not a measurement)
//     --markdown  also print the results as a Markdown table (docs/benchmarks.md)
//
// The script also holds the zlib baseline, run as its own process:
//   node scripts/bench.mjs --zlib-baseline MODEL.json OUT.zip
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, createDeflateRaw } from 'node:zlib';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/finbook.cjs');
const MiB = 1024 * 1024;

if (process.argv[2] === '--zlib-baseline') {
  await zlibBaseline(process.argv[3], process.argv[4]);
  process.exit(0);
}

const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');
const RUNS = quick ? { small: 5, large: 1, batch: 1 } : { small: 21, large: 5, batch: 3 };

const work = mkdtempSync(join(tmpdir(), 'finbook-bench-'));
const rssHook = join(work, 'rss-hook.cjs');
writeFileSync(rssHook, "process.on('exit', () => require('node:fs').writeFileSync(process.env.FINBOOK_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n");

/** One whole process: wall seconds and peak RSS in MiB; throws when it fails. */
function runOnce(args, env = {}) {
  const rssFile = join(work, 'rss');
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', rssHook, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, FINBOOK_BENCH_RSS: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * MiB,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`.slice(0, 2000));
  return { seconds, rssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

function measure(label, runs, args, env) {
  process.stderr.write(`  ${label}: ${runs} run${runs === 1 ? '' : 's'} `);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(runOnce(args, env));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  const s = samples.map((x) => x.seconds).sort((a, b) => a - b);
  return { runs, median: s[Math.floor((s.length - 1) / 2)], min: s[0], max: s[s.length - 1], rssMiB: Math.max(...samples.map((x) => x.rssMiB)), command: `node ${args.map((a) => a.replace(work, '$TMP').replace(ROOT + '/', '')).join(' ')}` };
}

const results = [];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} x ${availableParallelism()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`;
console.log(`finbook bench, ${new Date().toISOString()}\n${machine}\nload average at start: ${load()}${quick ? '\n--quick: too few runs to be a measurement' : ''}\n`);

try {
  // 1. the default export, whole process, against Node starting and doing nothing
  process.stderr.write('default export\n');
  const out = join(work, 'default.xlsx');
  for (let i = 0; i < 2; i++) runOnce([BIN, 'export', '--quiet', '--out', out]); // warm the file cache and finbook's YAML cache
  results.push({
    name: 'default export (IIJ model, whole process)',
    figure: measure('finbook export', RUNS.small, [BIN, 'export', '--quiet', '--out', out]),
    baselineName: 'node -e 0',
    baseline: measure('node -e 0', RUNS.small, ['-e', '0']),
    target: (f) => f.median < 0.35,
    targetText: 'median < 0.35 s',
  });

  // 2. the large model, compute included, against the same cells' XML through zlib
  process.stderr.write('large model\n');
  const large = join(work, 'large.json');
  runOnce([BIN, 'generate', '--lines', '1000', '--periods', '480', '--sheets', '3', '--out', large]);
  results.push({
    name: 'large model (1,000 lines x 480 months x 3 sheets, 1.45M cells)',
    figure: measure('finbook export', RUNS.large, [BIN, 'export', large, '--quiet', '--out', join(work, 'large.xlsx')]),
    baselineName: 'the same cells as XML through zlib',
    baseline: measure('zlib baseline', RUNS.large, [fileURLToPath(import.meta.url), '--zlib-baseline', large, join(work, 'baseline.zip')]),
    target: (f) => f.median <= 8 && f.rssMiB < 500,
    targetText: '<= 8 s, < 500 MiB',
  });
  rmSync(join(work, 'large.xlsx'), { force: true });

  // 3. a batch of 1,000 models of the default model's size, each a little different (as real
  // models are: no two the same text), parsed from YAML every time (FINBOOK_CACHE=off)
  process.stderr.write('batch\n');
  const models = join(work, 'models');
  mkdirSync(models);
  const text = readFileSync(join(ROOT, 'data/iij-fy2002.yaml'), 'utf8').replace(/^template: .*$/m, `template: ${join(ROOT, 'templates/iij-fy2002.yaml')}`);
  const files = Array.from({ length: 1000 }, (_, i) => {
    const file = join(models, `model-${String(i + 1).padStart(4, '0')}.yaml`);
    writeFileSync(file, `# copy ${i + 1} of the default model\n${text}`);
    return file;
  });
  const batchArgs = (jobs) => [BIN, 'batch', ...files, '--out', join(work, `batch-${jobs}`), '--quiet', '--jobs', String(jobs)];
  const jobs = availableParallelism();
  const figure = measure(`finbook batch --jobs ${jobs}`, RUNS.batch, batchArgs(jobs), { FINBOOK_CACHE: 'off' });
  figure.command = `node bin/finbook.cjs batch $TMP/models/*.yaml --out $TMP/batch --quiet --jobs ${jobs}`;
  const baseline = measure('finbook batch --jobs 1', 1, batchArgs(1), { FINBOOK_CACHE: 'off' });
  baseline.command = 'the same with --jobs 1';
  results.push({ name: `batch of 1,000 default-size models, ${jobs} workers`, figure, baselineName: 'the same batch on 1 worker', baseline, target: (f) => f.median < 10, targetText: 'median < 10 s' });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const s = (x) => `${x.toFixed(x < 1 ? 3 : 2)} s`;
let missed = 0;
console.log('');
for (const r of results) {
  const ok = r.target(r.figure);
  if (!ok) missed++;
  console.log(r.name);
  console.log(`  finbook   median ${s(r.figure.median)}  (min ${s(r.figure.min)}, max ${s(r.figure.max)}, ${r.figure.runs} runs)  peak ${r.figure.rssMiB.toFixed(0)} MiB`);
  console.log(`  baseline  median ${s(r.baseline.median)}  (min ${s(r.baseline.min)}, max ${s(r.baseline.max)}, ${r.baseline.runs} runs)  peak ${r.baseline.rssMiB.toFixed(0)} MiB  - ${r.baselineName}`);
  console.log(`  ratio     ${(r.figure.median / r.baseline.median).toFixed(2)}x the baseline;  target ${r.targetText}: ${ok ? 'met' : 'MISSED'}`);
  console.log(`  command   ${r.figure.command}\n`);
}
console.log(`load average at end: ${load()}`);
if (markdown) {
  console.log(`\n| figure | median | min | max | peak RSS | baseline (median) | ratio | target |\n|---|---|---|---|---|---|---|---|`);
  for (const r of results)
    console.log(
      `| ${r.name} | ${s(r.figure.median)} | ${s(r.figure.min)} | ${s(r.figure.max)} | ${r.figure.rssMiB.toFixed(0)} MiB | ${r.baselineName}: ${s(r.baseline.median)} | ${(r.figure.median / r.baseline.median).toFixed(2)}x | ${r.targetText}: ${r.target(r.figure) ? 'met' : 'missed'} |`,
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
