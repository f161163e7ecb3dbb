// Every command of the CLI, in the order `finbook --help` lists them.
import type { FinbookCommand } from './command.js';
import { bool, nameList, str } from './command.js';
import { queueCommand, workerCommand } from './queue.js';

// Each command's module (and all it imports: schemas, exceljs, the yaml library, ...) is
// loaded when that command runs, not when the CLI starts: the bundle sets up only what the
// command line names (esbuild defers a module that is reached only through import()).
const batch = () => import('./batch.js');
const exporting = () => import('./export.js');
const generate = () => import('./generate.js');
const init = () => import('./init.js');
const runJobs = () => import('./run-jobs.js');
const validate = () => import('./validate.js');
const verify = () => import('./verify.js');
const diff = () => import('./diff.js');
const pull = () => import('./pull.js');

const exportCommand: FinbookCommand = {
  command: 'export [model]',
  describe: 'compute a model and write its workbook (default: the IIJ fiscal-2002 model to out/iij-fy2002.xlsx)',
  builder: (y) =>
    y
      .positional('model', { type: 'string', describe: 'model file (YAML or JSON)' })
      .option('out', { alias: 'o', type: 'string', describe: 'workbook to write (default: out/<model name>.xlsx)' })
      .option('protect', { type: 'boolean', default: false, describe: 'lock formula cells (no password); inputs stay editable' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only problems' })
      .option('verify', { type: 'boolean', default: false, describe: 'after writing, recalculate the workbook with LibreOffice and compare (exit 1 on differences)' })
      .option('mail-to', { type: 'string', describe: 'mail the workbook to these addresses (comma-separated; SMTP server from FINBOOK_SMTP_URL)' })
      .option('if-changed', { type: 'boolean', default: false, describe: 'write and mail only when the workbook differs from the last one delivered' })
      .option('values', { type: 'string', describe: 'CSV file of values (line,period,value or line,<period>...), merged with the model\'s' })
      .option('pdf', { type: 'boolean', default: false, describe: 'also write a PDF of the workbook (same name, .pdf) through headless LibreOffice' })
      .option('scenario', { type: 'string', describe: "the scenario the workbook's selector shows and its cached values are for (id or label; default: the template's first)" }),
  run: async (a, o) =>
    (bool(a.verify) ? (await verify()).runExportAndVerify : (await exporting()).runExport)(
      { model: str(a.model), out: str(a.out), json: bool(a.json), protect: bool(a.protect), quiet: bool(a.quiet), mailTo: a.mailTo === undefined ? undefined : nameList(a.mailTo), ifChanged: bool(a.ifChanged), values: str(a.values), pdf: bool(a.pdf), scenario: str(a.scenario) },
      o,
    ),
};

const validateCommand: FinbookCommand = {
  command: 'validate [model]',
  describe: 'check a model and its template and evaluate every check, without writing anything',
  builder: (y) =>
    y
      .positional('model', { type: 'string', describe: 'model file (YAML or JSON)' })
      .option('values', { type: 'string', describe: 'CSV file of values (line,period,value or line,<period>...), merged with the model\'s' })
      .option('scenario', { type: 'string', describe: 'the scenario whose checks are listed (id or label); every scenario is computed and summarised' }),
  run: async (a, o) => (await validate()).runValidate({ model: str(a.model), json: bool(a.json), values: str(a.values), scenario: str(a.scenario) }, o),
};

const initCommand: FinbookCommand = {
  command: 'init',
  describe: 'write a model for a new company from a template: every input line and period, with empty values to fill in',
  builder: (y) =>
    y
      .option('template', { alias: 't', type: 'string', default: 'generic', describe: "template: a name from finbook's templates/ (generic, generic-translated) or a path" })
      .option('entity', { type: 'string', demandOption: true, describe: 'company name' })
      .option('currency', { type: 'string', demandOption: true, describe: 'reporting currency, three letters (USD, EUR, JPY)' })
      .option('periods', { type: 'string', demandOption: true, describe: 'fiscal years, comma-separated, as the columns should show them (FY2024,FY2023)' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'model file to write (YAML)' })
      .option('scale', { type: 'string', default: 'units', describe: 'unit of the figures: units, thousands, millions or billions' })
      .option('ticker', { type: 'string', describe: 'stock ticker' })
      .option('year-end', { type: 'string', default: '12-31', describe: 'fiscal year end, MM-DD (FY2024 with 06-30 runs Jul 1, 2023 to Jun 30, 2024)' })
      .option('csv', { type: 'string', describe: 'also write a CSV to fill in (line,label,<period>...) and point the model at it' })
      .option('forecast', { type: 'string', describe: 'add this many forecast years after the last of --periods (FY2025E, ...), computed from the actual years' })
      .option('force', { type: 'boolean', default: false, describe: 'replace files that exist' }),
  run: async (a, o) =>
    (await init()).runInit(
      {
        template: str(a.template) ?? 'generic',
        entity: str(a.entity) ?? '',
        currency: str(a.currency) ?? '',
        periods: str(a.periods) ?? '',
        out: str(a.out) ?? '',
        scale: str(a.scale),
        ticker: str(a.ticker),
        yearEnd: str(a.yearEnd),
        csv: str(a.csv),
        forecast: str(a.forecast),
        force: bool(a.force),
        json: bool(a.json),
      },
      o,
    ),
};

const generateCommand: FinbookCommand = {
  command: 'generate',
  describe: 'write a synthetic model and its template (<name>.template.yaml beside it) of a given size, for benchmarks and tests',
  builder: (y) =>
    y
      .option('lines', { type: 'number', demandOption: true, describe: 'line items with figures per sheet (leaves, subtotals, totals)' })
      .option('periods', { type: 'number', demandOption: true, describe: 'monthly periods (value columns), from Jan 2000' })
      .option('sheets', { type: 'number', default: 3, describe: 'statement sheets; each after the first links to the one before' })
      .option('seed', { type: 'number', default: 1, describe: 'random seed: the same options give the same files' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'model file to write: .yaml/.yml or .json (JSON loads much faster at scale)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only problems' }),
  run: async (a, o) => (await generate()).runGenerate({ lines: a.lines, periods: a.periods, sheets: a.sheets, seed: a.seed, out: str(a.out), quiet: bool(a.quiet) }, o),
};

const runCommand: FinbookCommand = {
  command: 'run <jobs>',
  describe: 'run the export jobs of a jobs file in order and mail each workbook (for cron or a systemd timer)',
  builder: (y) =>
    y
      .positional('jobs', { type: 'string', describe: 'jobs file (YAML)' })
      .option('only', { type: 'string', describe: 'run only this job (repeat or comma-separate for several)' }),
  run: async (a, o) => (await runJobs()).runRunJobs({ jobs: str(a.jobs) ?? '', only: nameList(a.only), json: bool(a.json) }, o),
};

const verifyCommand: FinbookCommand = {
  command: 'verify <workbook>',
  describe: 'recalculate every formula of a workbook with LibreOffice and compare with its cached values (and with --model, the model)',
  builder: (y) =>
    y
      .positional('workbook', { type: 'string', describe: 'workbook (.xlsx) to verify' })
      .option('model', { alias: 'm', type: 'string', describe: 'model file: also compare every cell with the value the model computes' }),
  run: async (a, o) => (await verify()).runVerify({ workbook: str(a.workbook) ?? '', model: str(a.model), json: bool(a.json) }, o),
};

const diffCommand: FinbookCommand = {
  command: 'diff <workbook>',
  describe: 'name every edit made to a workbook finbook wrote (inputs changed, formulas hard-coded or changed, rows and columns inserted or deleted) and the checks that fail after recalculation',
  builder: (y) =>
    y
      .positional('workbook', { type: 'string', describe: 'workbook (.xlsx) finbook wrote, as saved by Excel, LibreOffice or another program' })
      .option('model', { alias: 'm', type: 'string', describe: 'compare with this model instead of with what the workbook says finbook wrote' })
      .option('recalc', { type: 'boolean', default: true, describe: 'recalculate with LibreOffice to evaluate the checks (--no-recalc: use the values cached in the file)' }),
  run: async (a, o) => (await diff()).runDiff({ workbook: str(a.workbook) ?? '', model: str(a.model), json: bool(a.json), recalc: a.recalc !== false }, o),
};

const pullCommand: FinbookCommand = {
  command: 'pull <workbook>',
  describe: 'carry the inputs changed in a workbook back into the model file (keeping its comments and layout); hard-codes and structural edits are listed, never carried',
  builder: (y) =>
    y
      .positional('workbook', { type: 'string', describe: 'workbook (.xlsx) finbook wrote, edited and saved' })
      .option('model', { alias: 'm', type: 'string', demandOption: true, describe: 'model file (YAML or JSON) to carry the inputs into' })
      .option('write', { type: 'boolean', default: false, describe: 'write the values into the model file (without it: only show them)' })
      .option('strict', { type: 'boolean', default: false, describe: 'write nothing while any edit cannot be carried (hard-codes, changed formulas, structural edits)' }),
  run: async (a, o) => (await pull()).runPull({ workbook: str(a.workbook) ?? '', model: str(a.model) ?? '', write: bool(a.write), strict: bool(a.strict), json: bool(a.json) }, o),
};

const batchCommand: FinbookCommand = {
  command: 'batch <models..>',
  describe: 'export many models in one process on every core, with a progress bar and a summary; a failing model does not stop the others',
  builder: (y) =>
    y
      .positional('models', { type: 'string', array: true, describe: 'model files (YAML or JSON); each writes <out>/<model name>.xlsx' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'directory for the workbooks' })
      .option('jobs', { alias: 'j', type: 'number', describe: 'worker threads (default: one per core)' })
      .option('protect', { type: 'boolean', default: false, describe: 'lock formula cells (no password); inputs stay editable' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only failures and the summary' })
      .option('pdf', { type: 'boolean', default: false, describe: 'also a PDF beside each workbook, all printed by one headless LibreOffice' }),
  run: async (a, o) =>
    (await batch()).runBatch(
      { models: Array.isArray(a.models) ? a.models.map(String) : [], out: str(a.out), jobs: a.jobs, protect: bool(a.protect), quiet: bool(a.quiet), json: bool(a.json), pdf: bool(a.pdf) },
      o,
    ),
};

export const COMMANDS: FinbookCommand[] = [exportCommand, validateCommand, initCommand, verifyCommand, diffCommand, pullCommand, generateCommand, batchCommand, runCommand, queueCommand, workerCommand];
