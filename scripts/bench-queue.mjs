#!/usr/bin/env node
// npm run bench:queue: what the queue costs. The same models exported by `finbook batch` on
// this machine (the baseline) and by 1, 2 and 4 `finbook worker` processes taking them off a
// real Redis (started here on a free loopback port, AOF on with appendfsync always, as
// docs/scale-out.md asks). Each figure is the median of several runs, with the load average.
//
//   node scripts/bench-queue.mjs [--models N] [--runs R] [--quick] [--markdown]
//     --models N  models per run (default 500): copies of the IIJ model, each a different text
//     --runs R    runs per configuration (default 3)
//     --quick     100 models, 1 run: a smoke test, not a measurement
//
// For each configuration: wall time from the first process started to the last workbook
// written, workbooks per second, CPU seconds per workbook in finbook's processes (workers or
// batch) and in Redis, and `queue add`'s own time per model. From the queue's CPU per
// workbook it estimates the machines needed for 10,000 workbooks in 30 minutes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/finbook.cjs');
const requireHere = createRequire(join(ROOT, 'package.json'));
const { Queue } = requireHere('bullmq');
const { Redis } = requireHere('ioredis');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const quick = process.argv.includes('--quick');
const markdown = process.argv.includes('--markdown');
const MODELS = quick ? 100 : arg('--models', 500);
const RUNS = quick ? 1 : arg('--runs', 3);
const WORKERS = [1, 2, 4];
const PASSWORD = 'bench-password';

const work = mkdtempSync(join(tmpdir(), 'finbook-bench-queue-'));
const cpuHook = join(work, 'cpu-hook.cjs');
// each finbook process writes its CPU seconds (user + system, its threads included) at exit
writeFileSync(cpuHook, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(`${process.env.FINBOOK_BENCH_CPU_DIR}/${process.pid}`, String((u.userCPUTime + u.systemCPUTime) / 1e6)); });\n");
const cpuDir = join(work, 'cpu');
mkdirSync(cpuDir);
const nodeArgs = ['--require', cpuHook];
const env = { ...process.env, FINBOOK_BENCH_CPU_DIR: cpuDir, FINBOOK_CACHE: 'off' };

function cpuOf(pids) {
  return pids.reduce((sum, pid) => sum + Number(readFileSync(join(cpuDir, String(pid)), 'utf8')), 0);
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port === 6379 ? freePort() : port;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const port = await freePort();
const redisDir = join(work, 'redis');
mkdirSync(redisDir);
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', redisDir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction', '--requirepass', PASSWORD, '--logfile', join(redisDir, 'redis.log')], { stdio: 'ignore' });
const url = `redis://:${PASSWORD}@127.0.0.1:${port}/0`;
const connection = { host: '127.0.0.1', port, password: PASSWORD, maxRetriesPerRequest: null };

let infoClient;
async function redisCpu() {
  infoClient ??= new Redis({ host: '127.0.0.1', port, password: PASSWORD });
  const info = await infoClient.info('cpu');
  const field = (k) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(info)[1]);
  return field('used_cpu_user') + field('used_cpu_sys');
}

function finbook(args) {
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`finbook ${args.slice(0, 2).join(' ')} failed (${r.status}):\n${r.stderr}`.slice(0, 2000));
  return r;
}

/** One queue run: queue add, then `workers` worker processes until every job is done. */
async function queueRun(files, workers, n) {
  const name = `bench-${workers}-${n}`;
  const out = join(work, name);
  const queue = new Queue(name, { connection });
  queue.on('error', () => undefined);
  const addStart = performance.now();
  const add = spawnSync(process.execPath, [...nodeArgs, BIN, 'queue', 'add', ...files, '--out', out, '--redis', url, '--queue', name], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (add.status !== 0) throw new Error(`queue add failed: ${add.stderr}`);
  const addSeconds = (performance.now() - addStart) / 1000;
  const redisBefore = await redisCpu();
  const started = performance.now();
  const procs = Array.from({ length: workers }, () => spawn(process.execPath, [...nodeArgs, BIN, 'worker', '--redis', url, '--queue', name, '--quiet', '--root', work], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] }));
  let errors = '';
  for (const p of procs) p.stderr.on('data', (d) => (errors += d));
  const exited = procs.map((p) => new Promise((r) => p.on('exit', r)));
  let wall;
  let redisSeconds;
  try {
    for (;;) {
      const c = await queue.getJobCounts('completed', 'failed');
      if (c.failed > 0) throw new Error(`jobs failed:\n${errors}`);
      if (c.completed === files.length) break;
      await sleep(20);
    }
    wall = (performance.now() - started) / 1000;
    redisSeconds = (await redisCpu()) - redisBefore;
  } finally {
    // the workers stop with the run, whatever happened to it
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(exited);
  }
  await queue.obliterate({ force: true });
  await queue.close();
  rmSync(out, { recursive: true, force: true });
  return { wall, cpu: cpuOf(procs.map((p) => p.pid)), redisCpu: redisSeconds, addSeconds };
}

function batchRun(files, jobs, n) {
  const out = join(work, `batch-${jobs}-${n}`);
  const started = performance.now();
  const child = spawnSync(process.execPath, [...nodeArgs, BIN, 'batch', ...files, '--out', out, '--quiet', '--jobs', String(jobs)], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`batch failed: ${child.stderr}`);
  rmSync(out, { recursive: true, force: true });
  return { wall, cpu: cpuOf([child.pid]) };
}

const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} x ${availableParallelism()}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}`;
console.log(`finbook queue bench, ${new Date().toISOString()}\n${machine}\n${MODELS} copies of the IIJ model per run, ${RUNS} run${RUNS === 1 ? '' : 's'} each; load average at start: ${load()}${quick ? '\n--quick: too few runs to be a measurement' : ''}\n`);

const rows = [];
try {
  for (let i = 0; i < 100 && spawnSync('redis-cli', ['-p', String(port), '-a', PASSWORD, '--no-auth-warning', 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG'; i++) await sleep(50);
  const modelsDir = join(work, 'models');
  mkdirSync(modelsDir);
  const text = readFileSync(join(ROOT, 'data/iij-fy2002.yaml'), 'utf8').replace(/^template: .*$/m, `template: ${join(ROOT, 'templates/iij-fy2002.yaml')}`);
  const files = Array.from({ length: MODELS }, (_, i) => {
    const file = join(modelsDir, `model-${String(i + 1).padStart(4, '0')}.yaml`);
    writeFileSync(file, `# copy ${i + 1} of the default model\n${text}`);
    return file;
  });
  finbook(['export', '--quiet', '--out', join(work, 'warm.xlsx')]);

  const configs = [
    ...[1, 2].map((jobs) => ({ label: `finbook batch --jobs ${jobs}`, kind: 'batch', n: jobs, run: (r) => batchRun(files, jobs, r) })),
    ...WORKERS.map((w) => ({ label: `${w} worker${w === 1 ? '' : 's'} (--concurrency 2)`, kind: 'queue', n: w, run: (r) => queueRun(files, w, r) })),
  ];
  for (const c of configs) {
    process.stderr.write(`  ${c.label}: `);
    const samples = [];
    for (let r = 0; r < RUNS; r++) {
      samples.push(await c.run(r));
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    const m = (k) => median(samples.map((s) => s[k]));
    rows.push({ ...c, wall: m('wall'), min: Math.min(...samples.map((s) => s.wall)), max: Math.max(...samples.map((s) => s.wall)), cpu: m('cpu'), redisCpu: c.kind === 'queue' ? m('redisCpu') : 0, addSeconds: c.kind === 'queue' ? m('addSeconds') : 0 });
  }
} finally {
  infoClient?.disconnect();
  redis.kill('SIGTERM');
  await new Promise((r) => redis.on('exit', r));
  rmSync(work, { recursive: true, force: true });
}

const ms = (s) => `${(s * 1000).toFixed(1)} ms`;
const batch2 = rows.find((r) => r.kind === 'batch' && r.n === 2);
const batch1 = rows.find((r) => r.kind === 'batch' && r.n === 1);
console.log('');
const lines = rows.map((r) => {
  const rate = MODELS / r.wall;
  const vs = r.kind === 'queue' ? ` ${(r.wall / (r.n === 1 ? batch1 : batch2).wall).toFixed(2)}x batch --jobs ${r.n === 1 ? 1 : 2}` : '';
  return { r, rate, vs, perJob: r.cpu / MODELS, redisPerJob: r.redisCpu / MODELS };
});
for (const { r, rate, vs, perJob, redisPerJob } of lines)
  console.log(`${r.label.padEnd(30)} median ${r.wall.toFixed(2)} s (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)})  ${rate.toFixed(0)} workbooks/s  CPU ${ms(perJob)}/workbook${r.kind === 'queue' ? ` + Redis ${ms(redisPerJob)}; queue add ${ms(r.addSeconds / MODELS)}/model;${vs}` : ''}`);

// the machines estimate: CPU per workbook of the queue's configurations (workers + Redis),
// the median over them, against 10,000 workbooks in 30 minutes on machines of this size
const queueRows = lines.filter((l) => l.r.kind === 'queue');
const perJob = median(queueRows.map((l) => l.perJob));
const redisPerJob = median(queueRows.map((l) => l.redisPerJob));
const cores = (10_000 * perJob) / 1800;
const perMachine = availableParallelism();
console.log(`\nper workbook (median of the queue runs): ${ms(perJob)} of worker CPU, ${ms(redisPerJob)} of Redis CPU`);
console.log(`10,000 workbooks in 30 min: ${(10_000 * perJob).toFixed(0)} CPU-seconds of workers = ${cores.toFixed(2)} cores busy all the time; at 70% use, ${Math.max(1, Math.ceil(cores / 0.7 / perMachine))} machine(s) of ${perMachine} cores, Redis ${(10_000 * redisPerJob).toFixed(0)} CPU-seconds (one core: ${((10_000 * redisPerJob) / 1800 * 100).toFixed(1)}% of it)`);
console.log(`load average at end: ${load()}`);
if (markdown) {
  console.log('\n| configuration | median wall | min | max | workbooks/s | CPU per workbook | Redis CPU per workbook | vs batch |\n|---|---|---|---|---|---|---|---|');
  for (const { r, rate, vs, perJob: p, redisPerJob: rp } of lines) console.log(`| ${r.label} | ${r.wall.toFixed(2)} s | ${r.min.toFixed(2)} s | ${r.max.toFixed(2)} s | ${rate.toFixed(0)} | ${ms(p)} | ${r.kind === 'queue' ? ms(rp) : '-'} | ${vs.trim() || '-'} |`);
}
