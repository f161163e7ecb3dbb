// Entry of a batch worker thread (bundled as dist/batch-worker.cjs by scripts/build.mjs):
// exports each model the main thread sends and answers with the outcome; says when a
// model's workbook is built, so the next model comes while the file is written.
import { parentPort, workerData } from 'node:worker_threads';
import { shareStopping } from '../write/interrupt.js';
import { diskValueStore } from '../cache/yaml-values.js';
import { useParsedValueStore } from '../model/value-store.js';
import { listDirectoriesOnce } from '../write/atomic.js';
import { exportOne } from './export-one.js';
import type { BatchComputed, BatchTask } from './messages.js';

const port = parentPort;
const shared = (workerData as { stopping?: Int32Array } | null)?.stopping;
if (shared) shareStopping(shared);
if (!port) throw new Error('batch-worker.cjs runs as a worker thread of `finbook batch`');
// read parsed YAML from finbook's cache, but do not fill it with a batch's models
useParsedValueStore(diskValueStore(false));
// look for stale temporary files once per output directory, not once per workbook
listDirectoriesOnce();
port.on('message', (task: BatchTask) => {
  const computed: BatchComputed = { computed: task.index };
  void exportOne(task, () => port.postMessage(computed)).then((outcome) => port.postMessage(outcome));
});
