// `finbook pull WORKBOOK --model MODEL [--write] [--strict] [--json]`: carry the inputs an
// analyst changed in the workbook back into the model file (keeping its comments, order and
// layout), and list every edit that is not carried. Exit 0 when nothing was left behind,
// 1 when something was (a hard-code, a changed formula, a structural edit, an input the
// model cannot take, a conflict), 2 invalid input, 3 the model file cannot be written.
import { readFileSync, statSync } from 'node:fs';
import { forgetInput } from '../input/inputs.js';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { displayPath } from '../model/load.js';
import { loadAndCompute, plan } from '../pipeline.js';
import { diffWorkbook, placeCells } from '../roundtrip/diff.js';
import { loadStoredMap } from '../plan/map-format.js';
import { ModelEditError, editModelText } from '../roundtrip/model-text.js';
import type { PullPlan } from '../roundtrip/pull.js';
import { planPull } from '../roundtrip/pull.js';
import { changeLine } from '../roundtrip/report.js';
import { writeFileAtomically } from '../write/atomic.js';
import { CommandFailure, readWorkbookFile, reportFailure } from './diff.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { describeIoError } from './export.js';
import type { Output } from './output.js';

export interface PullArgs {
  workbook: string;
  model: string;
  write?: boolean;
  strict?: boolean;
  json?: boolean;
}

interface Outcome {
  plan: PullPlan;
  written: boolean;
  how: 'in place' | 'rewritten' | null;
}

async function pull(args: PullArgs): Promise<Outcome> {
  const workbookPath = resolve(args.workbook);
  const modelPath = resolve(args.model);
  const file = await readWorkbookFile(workbookPath);
  const loaded = loadAndCompute(modelPath);
  if (!loaded.ok) throw new CommandFailure('', EXIT.invalid, loaded.issues);
  const planned = plan(loaded.value);
  if (!planned.map) throw new CommandFailure(`${displayPath(modelPath)}: the model's workbook is too large to map cell by cell; pull works on workbooks of up to 50,000 input and formula cells`, EXIT.invalid);
  const modelMap = loadStoredMap(planned.map)!;
  const modelText = readFileSync(modelPath, 'utf8');
  const json = /\.json$/i.test(modelPath);
  const modelDoc = parseDocument(modelText);
  const placed = placeCells(file, modelMap);
  const hasMap = placed.placement === 'map';
  const diff = diffWorkbook({ shown: displayPath(workbookPath), file, placed, ...(hasMap ? {} : { model: modelMap }) });
  const valuesFile = loaded.value.program.model.value.values_file;
  const pullPlan = planPull({ diff, cells: placed.cells, file, model: modelMap, hasMap, inModelFile: (path) => modelDoc.hasIn(path), ...(valuesFile ? { valuesFile } : {}) });
  if (!args.write || pullPlan.carry.length === 0 || (args.strict && pullPlan.blocking.length > 0)) return { plan: pullPlan, written: false, how: null };
  let edited;
  try {
    edited = editModelText(
      modelText,
      json,
      pullPlan.carry.map((c) => ({ path: c.path, value: c.new })),
    );
  } catch (err) {
    if (err instanceof ModelEditError) throw new CommandFailure(`${displayPath(modelPath)}: ${err.message}`, EXIT.invalid);
    throw err;
  }
  try {
    // the model is the one input pull writes, by request (--write); its template and values
    // files stay protected
    forgetInput(statSync(modelPath));
    await writeFileAtomically(modelPath, Buffer.from(edited.text, 'utf8'));
  } catch (err) {
    throw new CommandFailure(`cannot write ${displayPath(modelPath)}: ${describeIoError(err)}`, EXIT.environment);
  }
  return { plan: pullPlan, written: true, how: edited.how };
}

export async function runPull(args: PullArgs, o: Output): Promise<ExitCode> {
  let outcome: Outcome;
  try {
    outcome = await pull(args);
  } catch (err) {
    return reportFailure(err, o, args.json ?? false);
  }
  const { plan: p, written, how } = outcome;
  const model = displayPath(resolve(args.model));
  const workbook = displayPath(resolve(args.workbook));
  if (args.json) {
    o.out(
      JSON.stringify(
        {
          workbook,
          model,
          written,
          ...(how ? { how } : {}),
          carry: p.carry,
          already_in_model: p.already,
          not_carried: p.blocking.map((b) => ({ reason: b.reason, ...b.change })),
          layout_not_carried: p.layout.map((b) => ({ reason: b.reason, ...b.change })),
        },
        null,
        2,
      ),
    );
  } else {
    const values = `${p.carry.length} input value${p.carry.length === 1 ? '' : 's'}`;
    const left = p.blocking.length === 0 ? 'nothing left behind' : `${p.blocking.length} edit${p.blocking.length === 1 ? '' : 's'} not carried`;
    const did = written ? `wrote ${values} to ${model}${how === 'rewritten' ? ' (the yaml library wrote the file anew: comments kept, spacing its own)' : ''}` : p.carry.length === 0 ? `no input values to carry into ${model}` : args.write ? `wrote nothing to ${model} (--strict: edits not carried)` : `${values} to carry into ${model} (run with --write to write them)`;
    o.out(`${workbook}: ${did}; ${left}${p.already > 0 ? `; ${p.already} changed value${p.already === 1 ? '' : 's'} already in the model` : ''}`);
    if (p.carry.length > 0) {
      o.out('');
      o.out(written ? 'written' : 'to write');
      for (const c of p.carry) o.out(`  ${c.path.join('.')}: ${c.old} -> ${c.new}  (${c.where.sheet}!${c.where.cell}  ${c.where.label})`);
    }
    if (p.blocking.length > 0) {
      o.out('');
      o.out('not carried (the model keeps its formulas and layout; fix these in the workbook, or change the template or values file)');
      for (const b of p.blocking) {
        o.out(`  ${changeLine(b.change)}`);
        o.out(`      ${b.reason}`);
      }
    }
    if (p.layout.length > 0) {
      o.out('');
      o.out('not carried, changing no figure of the model (labels, sheet names and order, the scenario shown)');
      for (const b of p.layout) o.out(`  ${changeLine(b.change)}`);
    }
  }
  return p.blocking.length > 0 ? EXIT.failed : EXIT.ok;
}
