// Where finbook's own files are (package.json, the default model and templates), whether run
// from the bundle (dist/) or from source (src/): the folder of the package.json named finbook.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function here(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = here();
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'finbook') return (root = dir);
    dir = resolve(dir, '..');
  }
  return (root = process.cwd());
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}
