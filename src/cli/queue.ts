// `finbook queue add`, `finbook queue status` and `finbook worker`: yargs definitions only.
// The work is in src/queue/, bundled apart as dist/queue.cjs and loaded only by these
// commands (BullMQ and ioredis are as large as the rest of finbook).
import type { FinbookCommand } from './command.js';
import { bool, nameList, str } from './command.js';

const loadQueue = (): Promise<typeof import('../queue/commands.js')> => import('../queue/commands.js');

const REDIS = { type: 'string', describe: 'the queue\'s Redis: redis://[user:password@]host[:port][/db] (default: FINBOOK_REDIS_URL)' } as const;
const QUEUE = { type: 'string', describe: 'queue name (default: finbook)' } as const;

const addCommand: FinbookCommand = {
  command: 'add <models..>',
  describe: 'check each model and queue one export job for it; workers write <out>/<model name>.xlsx',
  builder: (y) =>
    y
      .positional('models', { type: 'string', array: true, describe: 'model files (YAML or JSON), at the same path on every worker' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'directory for the workbooks, as the workers see it' })
      .option('redis', REDIS)
      .option('queue', QUEUE)
      .option('protect', { type: 'boolean', default: false, describe: 'lock formula cells (no password); inputs stay editable' })
      .option('pdf', { type: 'boolean', default: false, describe: 'also a PDF beside each workbook (LibreOffice on the workers)' })
      .option('mail-to', { type: 'string', describe: "mail each workbook to these addresses (comma-separated; the workers' FINBOOK_SMTP_URL)" })
      .option('if-changed', { type: 'boolean', default: false, describe: 'write and mail only workbooks that differ from the last one delivered' })
      .option('scenario', { type: 'string', describe: "the scenario each workbook's selector shows (id or label; default: the template's first)" })
      .option('attempts', { type: 'number', describe: 'attempts in all for a job that fails for want of a file, disk or mail server (default 5)' })
      .option('retry-delay', { type: 'number', describe: 'seconds before the second attempt, doubling after (default 5)' }),
  run: async (a, o) =>
    (await loadQueue()).runQueueAdd(
      {
        models: Array.isArray(a.models) ? a.models.map(String) : [],
        out: str(a.out),
        redis: str(a.redis),
        queue: str(a.queue),
        protect: bool(a.protect),
        pdf: bool(a.pdf),
        mailTo: a.mailTo === undefined ? undefined : nameList(a.mailTo),
        ifChanged: bool(a.ifChanged),
        scenario: str(a.scenario),
        attempts: a.attempts,
        retryDelay: a.retryDelay,
        json: bool(a.json),
      },
      o,
    ),
};

const statusCommand: FinbookCommand = {
  command: 'status',
  describe: 'jobs waiting, active, to retry, done and failed, with each failure\'s message (exit 1 if any failed)',
  builder: (y) => y.option('redis', REDIS).option('queue', QUEUE),
  run: async (a, o) => (await loadQueue()).runQueueStatus({ redis: str(a.redis), queue: str(a.queue), json: bool(a.json) }, o),
};

export const queueCommand: FinbookCommand = {
  command: 'queue',
  describe: 'export jobs on a Redis queue for finbook workers on any number of machines',
  builder: (y) => y,
  subcommands: [addCommand, statusCommand],
  run: () => Promise.reject(new Error('finbook queue runs through its subcommands')),
};

export const workerCommand: FinbookCommand = {
  command: 'worker',
  describe: 'take export jobs off a Redis queue and export them until stopped (SIGTERM finishes the jobs in hand)',
  builder: (y) =>
    y
      .option('redis', REDIS)
      .option('queue', QUEUE)
      .option('concurrency', { alias: 'c', type: 'number', describe: 'jobs in hand at once (default 2); bounds memory. Run one worker per core' })
      .option('root', { type: 'string', array: true, describe: 'directory jobs may read models from and write workbooks under (repeat; default: the working directory)' })
      .option('lock-timeout', { type: 'number', describe: 'seconds after which the job of a silent worker is run by another (default 30)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only failures' }),
  run: async (a, o) =>
    (await loadQueue()).runWorkerCommand(
      {
        redis: str(a.redis),
        queue: str(a.queue),
        concurrency: a.concurrency,
        roots: Array.isArray(a.root) ? a.root.map(String) : [],
        lockTimeout: a.lockTimeout,
        quiet: bool(a.quiet),
        json: bool(a.json),
      },
      o,
    ),
};
