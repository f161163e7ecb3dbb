// Every example the structural test (test/structure) and the three engines (test/engines)
// run on: each an exported workbook, as finbook writes it. Adding an example is one line:
// a name, the model, and the export options.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import type { WriteOptions } from '../../src/write/xlsx.js';
import { writeXlsx } from '../../src/write/xlsx.js';
import { writtenBytes } from './bytes.js';
import { DEFAULT_MODEL, ROOT, runCli, tempDir } from './cli.js';

export interface Example {
  name: string;
  /** The model file, or how to make it (in a directory removed after the export). */
  model: string | ((dir: string) => Promise<string>);
  options?: WriteOptions;
  /** The scenario computed and selected (export --scenario); default: the template's first. */
  scenario?: string;
}

/** A model written by `finbook generate` with these arguments. */
const generated =
  (...args: string[]) =>
  async (dir: string): Promise<string> => {
    const out = join(dir, 'generated.json');
    const r = await runCli(['generate', ...args, '--out', out]);
    if (r.code !== 0) throw new Error(`finbook generate failed: ${r.stderr}`);
    return out;
  };

export const EXAMPLES: Example[] = [
  { name: 'default (IIJ fiscal 2002)', model: DEFAULT_MODEL },
  { name: 'default, protected', model: DEFAULT_MODEL, options: { protect: true } },
  { name: 'default, its outlook in the Downside scenario', model: DEFAULT_MODEL, scenario: 'downside' },
  { name: 'Photronics fiscal 2011 (generic template)', model: join(ROOT, 'data/photronics-fy2011.yaml') },
  { name: 'quarterly example (eight quarters rolled up into years)', model: join(ROOT, 'data/quarterly-example.yaml') },
  { name: 'Photronics with a three-year forecast (generic forecast), Upside', model: join(ROOT, 'data/photronics-forecast.yaml'), scenario: 'upside' },
  { name: 'chart fixture (every chart type, a chart beside a table)', model: join(ROOT, 'test/charts/fixtures/basic/model.yaml') },
  { name: 'awkward fixture (sheet names to quote, n/m, nested divisions)', model: join(ROOT, 'test/structure/fixtures/awkward/model.yaml') },
  { name: 'generated (finbook generate)', model: generated('--lines', '60', '--periods', '8', '--sheets', '2', '--seed', '7') },
];

/** The workbook an example exports, as bytes. */
export async function exampleBytes(example: Example): Promise<Uint8Array> {
  const dir = tempDir('finbook-example-');
  try {
    const model = typeof example.model === 'string' ? example.model : await example.model(dir);
    const loaded = loadAndCompute(model, { scenario: example.scenario });
    if (!loaded.ok) throw new Error(`example ${example.name} does not load: ${loaded.issues.map((i) => i.message).join('; ')}`);
    return await writtenBytes(writeXlsx, plan(loaded.value), example.options ?? {});
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
