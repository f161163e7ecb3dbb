// Bundle the CLI into one CommonJS file (fast start-up: one file to read and compile),
// then record a V8 code cache from a warm-up run so later starts skip compilation.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// archiver-utils still calls the deprecated Buffer() constructor, which makes Node print a
// DeprecationWarning for bundled code on every export; rewrite those calls to Buffer.from/alloc.
const modernBuffer = {
  name: 'modern-buffer',
  setup(b) {
    b.onLoad({ filter: /archiver-utils[\\/]index\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8')
        .replace(/new Buffer\((size|0)\)/g, 'Buffer.alloc($1)')
        .replace(/new Buffer\(source\)/g, 'Buffer.from(source)'),
      loader: 'js',
    }));
  },
};

// exceljs' streaming WorkbookWriter requires archiver (and through it glob, graceful-fs, async,
// readable-stream: a fifth of what an export's modules cost to set up) when its module loads,
// though only its constructor uses it: an ordinary workbook is zipped in memory
// (src/write/xlsx-memory.ts) and never constructs one. archiver is required on the first call.
const lazyArchiver = {
  name: 'lazy-archiver',
  setup(b) {
    b.onLoad({ filter: /exceljs[\\/]lib[\\/]stream[\\/]xlsx[\\/]workbook-writer\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const eager = "const Archiver = require('archiver');";
      // an exceljs release that moves this line fails the build instead of loading archiver eagerly
      if (!text.includes(eager)) throw new Error(`lazy-archiver: ${args.path} no longer has ${eager}`);
      return { contents: text.replace(eager, "let archiver;\nconst Archiver = (...a) => (archiver ??= require('archiver'))(...a);"), loader: 'js' };
    });
  },
};

// The queue's commands (BullMQ, ioredis: as large as the rest of finbook) are their own file,
// dist/queue.cjs, which the CLI requires only when a queue command runs: every import of
// src/queue/commands.ts from another entry becomes require('./queue.cjs').
const queueApart = {
  name: 'queue-apart',
  setup(b) {
    b.onResolve({ filter: /\/queue\/commands\.js$/ }, (args) => (args.kind === 'entry-point' ? undefined : { path: './queue.cjs', external: true }));
  },
};

await build({
  plugins: [modernBuffer, lazyArchiver, queueApart],
  // the batch's worker threads load their own entry (finbook batch, src/batch/worker.ts);
  // the library (package.json "exports", src/index.ts) is dist/index.cjs, its types dist/types
  // (npm run build:types: scripts/build-types.mjs)
  entryPoints: { finbook: 'src/cli/run.ts', 'batch-worker': 'src/batch/worker.ts', queue: 'src/queue/commands.ts', index: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // import() of dist/queue.cjs as require(): bin/finbook.cjs runs the bundle through
  // vm.Script, which has no loader for dynamic imports
  supported: { 'dynamic-import': false },
  // FINBOOK_BUILD_PROFILE=1: readable names and lines, for `node --cpu-prof` (docs/benchmarks.md)
  minify: !process.env.FINBOOK_BUILD_PROFILE,
  legalComments: 'none',
  sourcemap: 'linked',
  logLevel: 'warning',
  // ESM dependencies (yargs) read import.meta.url; give them this file's URL
  banner: { js: "const __finbook_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__finbook_import_meta_url' },
});

// The build's identity: the parsed-YAML cache keys its entries on it (src/cache/yaml-values.ts),
// so a rebuilt reader never takes a value an older one stored.
const buildId = createHash('sha256');
for (const f of ['dist/finbook.cjs', 'dist/batch-worker.cjs']) buildId.update(readFileSync(f));
writeFileSync('dist/build-id', `${buildId.digest('hex')}\n`);

// caches of earlier builds go (bin/finbook.cjs takes only the one named by this build-id)
for (const f of readdirSync('dist')) if (/^finbook\.cjs\.(.+\.)?cache$/.test(f)) rmSync(join('dist', f));

if (!process.env.FINBOOK_NO_CODE_CACHE) {
  const tmp = mkdtempSync(join(tmpdir(), 'finbook-build-'));
  try {
    // twice: the first run leaves the default model's parsed YAML in finbook's cache
    // (src/cache/yaml-values.ts), so the second records the code of the path later runs take
    for (const env of [{}, { FINBOOK_WRITE_CODE_CACHE: '1' }])
      execFileSync(process.execPath, ['bin/finbook.cjs', 'export', '--quiet', '--out', join(tmp, 'warm.xlsx')], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
  } catch {
    // a model that fails its checks still warms the cache; anything else shows on stderr
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
