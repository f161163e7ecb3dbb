// Where finbook's own files are, whether run from the bundle (dist/) or from source (src/cli/).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageRoot } from '../package-root.js';

// below the CLI since every layer may need them (pipeline.ts, cache/yaml-values.ts)
export { packageRoot, packageVersion } from '../package-root.js';

export const DEFAULT_MODEL = 'data/iij-fy2002.yaml';

export function defaultModelPath(): string {
  const local = resolve(DEFAULT_MODEL);
  return existsSync(local) ? local : join(packageRoot(), DEFAULT_MODEL);
}
