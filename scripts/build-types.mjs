// The library's type declarations (package.json "types"): tsc from tsconfig.build.json into
// dist/types. The code they describe is dist/index.cjs, CommonJS, so the folder says its
// declarations are CommonJS too (TypeScript reads a .d.ts as the format of its package scope).
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist/types', { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
writeFileSync('dist/types/package.json', '{ "type": "commonjs" }\n');
