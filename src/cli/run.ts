// Process entry: run the CLI and turn its result into the exit code.
import { diskValueStore } from '../cache/yaml-values.js';
import { useParsedValueStore } from '../model/value-store.js';
import { main } from './main.js';
import { dropOutputWhenClosed } from './output.js';

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  // parsed YAML from finbook's cache (src/cache/yaml-values.ts)
  useParsedValueStore(diskValueStore(true));
  dropOutputWhenClosed(process.stdout);
  dropOutputWhenClosed(process.stderr);
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    // Not a user mistake (those are reported as issues): a bug or an environment failure.
    const e = err as Error;
    process.stderr.write(`finbook: internal error: ${e.message}\n`);
    if (process.env.FINBOOK_DEBUG) process.stderr.write(`${e.stack}\n`);
    else process.stderr.write('Set FINBOOK_DEBUG=1 for the stack trace, and please report it.\n');
    process.exitCode = 3;
  }
}
