#!/usr/bin/env node
'use strict';
// Loads the bundled CLI through a V8 code cache (dist/finbook.cjs.<build-id>.cache) when one matches
// this Node; otherwise compiles normally. The cache is written by `npm run build`.
// V8 optimizes a function with TurboFan once it has run this much bytecode: 16 times V8's
// default (66 KiB), set before the bundle compiles (a code cache is for the flags it was made
// with; npm run build makes it through this file). A command over in a second spent a quarter
// of its CPU on optimized code that never repaid its compilation; long work still has its hot
// loops optimized, and a batch's or the queue's workers set V8's default back
// (src/v8-tiering.ts, docs/benchmarks.md).
require('node:v8').setFlagsFromString('--interrupt-budget=1081344');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'finbook.cjs');
// V8 accepts a code cache for any source of the same length: the cache's name carries the
// build's identity (dist/build-id, the bundle's SHA-256), so a cache of another build is never used
let cacheFile = null;
try {
  cacheFile = `${file}.${fs.readFileSync(path.join(__dirname, '..', 'dist', 'build-id'), 'utf8').trim().slice(0, 16)}.cache`;
} catch {
  cacheFile = null;
}
let source;
try {
  source = fs.readFileSync(file, 'utf8');
} catch {
  process.stderr.write('finbook: dist/finbook.cjs is missing; run `npm run build` first.\n');
  process.exit(3);
}
let cachedData;
try {
  cachedData = cacheFile === null ? undefined : fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
const done = mod.exports.run();
if (process.env.FINBOOK_WRITE_CODE_CACHE && cacheFile !== null) {
  done.then(() => fs.writeFileSync(cacheFile, script.createCachedData()));
}
