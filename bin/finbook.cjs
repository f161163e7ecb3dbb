#!/usr/bin/env node
'use strict';
// Loads the bundled CLI through a V8 code cache (dist/finbook.cjs.cache) when one matches
// this Node; otherwise compiles normally. The cache is written by `npm run build`.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'finbook.cjs');
const cacheFile = `${file}.cache`;
let source;
try {
  source = fs.readFileSync(file, 'utf8');
} catch {
  process.stderr.write('finbook: dist/finbook.cjs is missing; run `npm run build` first.\n');
  process.exit(3);
}
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
const done = mod.exports.run();
if (process.env.FINBOOK_WRITE_CODE_CACHE) {
  done.then(() => fs.writeFileSync(cacheFile, script.createCachedData()));
}
