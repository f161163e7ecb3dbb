// The workbook part, its worksheets, styles and shared strings, by the rules Excel applies
// when it opens a file: sheet names and defined names it accepts, print areas and titles as
// it writes them ($A$1:$H$47 and $1:$8), cells in order, style and string indices that
// exist, the shared-string counts, merges that do not overlap, links inside the workbook as
// locations, protection and print settings with values the schema allows.
import { definedNameProblem, sheetNameProblem } from '../../src/compile/excel-limits.js';
import { parseA1 } from '../../src/verify/read-xlsx.js';
import type { XmlElement } from '../helpers/xml-tree.js';
import { child, children } from '../helpers/xml-tree.js';
import type { Package } from './check-package.js';
import { REL } from './check-package.js';
import { definedNameAreas, isAbsoluteArea, referenceProblems } from './references.js';

const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A cell as the worksheet holds it. */
export interface SheetCell {
  t: string | undefined;
  s: number;
  f: string | null;
  v: string | null;
}

export interface SheetInfo {
  name: string;
  part: string;
  cells: Map<string, SheetCell>;
  /** A sheet that is a chart (no cells). */
  chartsheet?: boolean;
}

const rId = (el: XmlElement): string | undefined => Object.entries(el.attrs).find(([k]) => k.endsWith(':id') && k !== 'id')?.[1];
const isBool = (v: string | undefined): boolean => v === undefined || v === '0' || v === '1' || v === 'true' || v === 'false';
const isUint = (v: string | undefined): boolean => v === undefined || /^\d+$/.test(v);

/** The workbook's sheets in order (name and part), after checking the workbook part itself. */
export function workbookSheets(pkg: Package): { workbookPart: string; sheets: SheetInfo[] } | null {
  const workbookPart = (pkg.rels.get('') ?? []).find((r) => r.type === REL.officeDocument)?.target;
  const root = workbookPart ? pkg.xml.get(workbookPart) : undefined;
  if (!workbookPart || !root) return null;
  const sheets: SheetInfo[] = [];
  const ids = new Set<string>();
  const folded = new Set<string>();
  for (const s of children(child(root, 'sheets') ?? root, 'sheet')) {
    const name = s.attrs.name ?? '';
    const problem = sheetNameProblem(name);
    if (problem) pkg.report(workbookPart, problem);
    if (folded.has(name.toLowerCase())) pkg.report(workbookPart, `two sheets are named ${name} (Excel ignores case)`);
    folded.add(name.toLowerCase());
    if (ids.has(s.attrs.sheetId ?? '')) pkg.report(workbookPart, `sheetId ${s.attrs.sheetId} is used twice`);
    ids.add(s.attrs.sheetId ?? '');
    const rel = (pkg.rels.get(workbookPart) ?? []).find((r) => r.id === rId(s));
    if (!rel || (rel.type !== REL.worksheet && rel.type !== REL.chartsheet)) pkg.report(workbookPart, `sheet ${name}: r:id ${rId(s)} is no worksheet or chartsheet relationship`);
    else sheets.push({ name, part: rel.target, cells: new Map(), chartsheet: rel.type === REL.chartsheet });
  }
  if (sheets.length === 0) pkg.report(workbookPart, 'a workbook needs at least one sheet');
  const calc = child(root, 'calcPr');
  if (calc?.attrs.calcMode === 'manual') pkg.report(workbookPart, 'manual calculation: Excel would show stale values');
  return { workbookPart, sheets };
}

export function checkSheetsAndStyles(pkg: Package): SheetInfo[] {
  const wb = workbookSheets(pkg);
  if (!wb) {
    pkg.report('_rels/.rels', 'the workbook part is missing');
    return [];
  }
  const { workbookPart, sheets } = wb;
  const sheetNames = new Set(sheets.map((s) => s.name));
  const workbookRels = pkg.rels.get(workbookPart) ?? [];
  const part = (type: string): string | undefined => workbookRels.find((r) => r.type === type)?.target;

  // styles: counts as written, and what the cells may refer to
  const stylesPart = part(REL.styles);
  const styles = stylesPart ? pkg.xml.get(stylesPart) : undefined;
  let cellXfs = 0;
  let dxfs = 0;
  if (!styles) pkg.report(workbookPart, 'no styles part');
  else {
    for (const list of styles.children) {
      const count = list.attrs.count;
      if (count !== undefined && Number(count) !== list.children.length) pkg.report(stylesPart!, `<${list.local} count="${count}"> holds ${list.children.length}`);
    }
    cellXfs = child(styles, 'cellXfs')?.children.length ?? 0;
    dxfs = child(styles, 'dxfs')?.children.length ?? 0;
    const numFmtIds = new Set(children(child(styles, 'numFmts') ?? styles, 'numFmt').map((n) => Number(n.attrs.numFmtId)));
    for (const xf of child(styles, 'cellXfs')?.children ?? []) {
      const id = Number(xf.attrs.numFmtId ?? 0);
      // 0-163 are Excel's built-in formats
      if (id >= 164 && !numFmtIds.has(id)) pkg.report(stylesPart!, `a cell format uses numFmtId ${id}, which <numFmts> does not define`);
    }
  }

  // shared strings
  const sstPart = part(REL.sharedStrings);
  const sst = sstPart ? pkg.xml.get(sstPart) : undefined;
  const strings = sst ? children(sst, 'si').map((si) => si.children.map((t) => (t.local === 't' ? t.text : t.local === 'r' ? (child(t, 't')?.text ?? '') : '')).join('')) : [];
  if (sst && sst.attrs.uniqueCount !== undefined && Number(sst.attrs.uniqueCount) !== strings.length) pkg.report(sstPart!, `uniqueCount="${sst.attrs.uniqueCount}" for ${strings.length} strings`);
  let sharedRefs = 0;

  for (const sheet of sheets) {
    if (sheet.chartsheet) continue;
    const root = pkg.xml.get(sheet.part);
    if (!root) {
      pkg.report(workbookPart, `sheet ${sheet.name}: its part ${sheet.part} is missing or unreadable`);
      continue;
    }
    const report = (message: string): void => pkg.report(sheet.part, message);
    const sheetRels = pkg.rels.get(sheet.part) ?? [];

    const format = child(root, 'sheetFormatPr');
    const descent = format && Object.entries(format.attrs).find(([k]) => k.endsWith(':dyDescent'))?.[1];
    if (descent !== undefined && !(Number(descent) >= 0 && Number(descent) < 10)) report(`x14ac:dyDescent="${descent}" is no descent in points (Excel writes 0.25)`);

    // rows and cells in order; style and string indices that exist
    let lastRow = 0;
    for (const row of children(child(root, 'sheetData') ?? root, 'row')) {
      const r = Number(row.attrs.r);
      if (!(r > lastRow && r <= 1_048_576)) report(`row ${row.attrs.r} after row ${lastRow}: rows must ascend, within 1,048,576`);
      lastRow = r;
      let lastCol = -1;
      for (const c of children(row, 'c')) {
        const at = parseA1(c.attrs.r ?? '');
        if (!at || at.row !== r || at.col <= lastCol) report(`cell ${c.attrs.r} in row ${r}: cells must sit in their row, columns ascending`);
        lastCol = at?.col ?? lastCol;
        const s = Number(c.attrs.s ?? 0);
        if (s >= cellXfs) report(`cell ${c.attrs.r} has style ${s}; styles.xml has ${cellXfs} cell formats`);
        const f = child(c, 'f');
        const v = child(c, 'v');
        if (c.attrs.t === 's') {
          sharedRefs++;
          if (!v || !(Number(v.text) < strings.length)) report(`cell ${c.attrs.r} refers to shared string ${v?.text}; there are ${strings.length}`);
        }
        if (c.attrs.t === 'str' && !f) report(`cell ${c.attrs.r} is t="str" without a formula`);
        if (!c.attrs.t && v && !Number.isFinite(Number(v.text))) report(`cell ${c.attrs.r} holds "${v.text}", which is no finite number`);
        if (f) {
          if (f.text.startsWith('=')) report(`cell ${c.attrs.r}: the formula starts with '=' (the file leaves it out)`);
          for (const p of referenceProblems(f.text, sheetNames)) report(`cell ${c.attrs.r}: ${p}`);
        }
        sheet.cells.set(c.attrs.r ?? '', { t: c.attrs.t, s, f: f?.text ?? null, v: c.attrs.t === 's' && v ? (strings[Number(v.text)] ?? null) : (v?.text ?? null) });
      }
    }

    // merges: as many as counted, none overlapping
    const merges = child(root, 'mergeCells');
    if (merges) {
      if (merges.attrs.count !== undefined && Number(merges.attrs.count) !== merges.children.length) report(`<mergeCells count="${merges.attrs.count}"> holds ${merges.children.length}`);
      const taken = new Set<string>();
      for (const m of merges.children) {
        const [from, to] = (m.attrs.ref ?? '').split(':').map((x) => parseA1(x));
        if (!from || !to) {
          report(`merge ${m.attrs.ref} is no range`);
          continue;
        }
        for (let rr = from.row; rr <= to.row; rr++)
          for (let cc = from.col; cc <= to.col; cc++) {
            if (taken.has(`${rr},${cc}`)) report(`merge ${m.attrs.ref} overlaps another merge`);
            taken.add(`${rr},${cc}`);
          }
      }
    }

    // links: a place inside the workbook is a location (hyperlink04); only an address outside it is a relationship
    for (const h of children(child(root, 'hyperlinks') ?? root, 'hyperlink')) {
      if (!parseA1((h.attrs.ref ?? '').split(':')[0]!)) report(`hyperlink without a cell reference (${h.attrs.ref})`);
      const id = rId(h);
      if (id) {
        const rel = sheetRels.find((r) => r.id === id);
        if (!rel || rel.type !== REL.hyperlink || !rel.external) report(`hyperlink ${h.attrs.ref}: ${id} is no external hyperlink relationship`);
      } else if (h.attrs.location === undefined) report(`hyperlink ${h.attrs.ref} has neither a location nor a relationship`);
      if (h.attrs.location !== undefined) for (const p of referenceProblems(h.attrs.location, sheetNames)) report(`hyperlink ${h.attrs.ref}: ${p}`);
    }

    // protection and printing: attribute values the schema allows
    const protection = child(root, 'sheetProtection');
    if (protection) for (const [k, v] of Object.entries(protection.attrs)) if (!['password', 'algorithmName', 'hashValue', 'saltValue', 'spinCount'].includes(k) && !isBool(v)) report(`sheetProtection ${k}="${v}" is no boolean`);
    const setup = child(root, 'pageSetup');
    if (setup) {
      if (setup.attrs.orientation && !['portrait', 'landscape', 'default'].includes(setup.attrs.orientation)) report(`pageSetup orientation="${setup.attrs.orientation}"`);
      for (const k of ['paperSize', 'scale', 'fitToWidth', 'fitToHeight', 'horizontalDpi', 'verticalDpi', 'copies', 'firstPageNumber']) if (!isUint(setup.attrs[k])) report(`pageSetup ${k}="${setup.attrs[k]}" is no whole number`);
      const scale = Number(setup.attrs.scale ?? 100);
      if (scale < 10 || scale > 400) report(`pageSetup scale="${scale}" outside 10-400`);
    }
    const fitToPage = child(child(root, 'sheetPr') ?? root, 'pageSetUpPr')?.attrs.fitToPage;
    if ((fitToPage === '1' || fitToPage === 'true') && !setup) report('fits to pages (sheetPr) without a pageSetup saying how many');
    const margins = child(root, 'pageMargins');
    if (margins) for (const k of ['left', 'right', 'top', 'bottom', 'header', 'footer']) if (!(Number(margins.attrs[k]) >= 0)) report(`pageMargins ${k}="${margins.attrs[k]}" is missing or negative`);
    const options = child(root, 'printOptions');
    if (options) for (const [k, v] of Object.entries(options.attrs)) if (!isBool(v)) report(`printOptions ${k}="${v}" is no boolean`);

    // conditional formats: formats that exist, priorities once per sheet
    const priorities = new Set<string>();
    for (const cf of children(root, 'conditionalFormatting')) {
      if (!cf.attrs.sqref) report('conditionalFormatting without sqref');
      for (const rule of children(cf, 'cfRule')) {
        if (rule.attrs.dxfId !== undefined && !(Number(rule.attrs.dxfId) < dxfs)) report(`cfRule dxfId ${rule.attrs.dxfId}; styles.xml has ${dxfs} dxfs`);
        if (priorities.has(rule.attrs.priority ?? '')) report(`cfRule priority ${rule.attrs.priority} is used twice on the sheet`);
        priorities.add(rule.attrs.priority ?? '');
      }
    }

    // data validation: counted, each on cells, list sources that resolve
    const validations = child(root, 'dataValidations');
    if (validations) {
      if (validations.attrs.count !== undefined && Number(validations.attrs.count) !== validations.children.length) report(`<dataValidations count="${validations.attrs.count}"> holds ${validations.children.length}`);
      for (const dv of validations.children) {
        if (!dv.attrs.sqref) report('dataValidation without sqref');
        if (dv.attrs.type && dv.attrs.type !== 'none' && dv.attrs.type !== 'any' && !child(dv, 'formula1')) report(`dataValidation ${dv.attrs.sqref} (${dv.attrs.type}) without formula1`);
        for (const f of dv.children) for (const p of referenceProblems(f.text, sheetNames)) report(`dataValidation ${dv.attrs.sqref}: ${p}`);
      }
    }

    // a drawing through a drawing relationship
    for (const d of children(root, 'drawing')) {
      const rel = sheetRels.find((r) => r.id === rId(d));
      if (!rel || rel.type !== REL.drawing) report(`<drawing> ${rId(d)} is no drawing relationship`);
    }
    for (const r of sheetRels) if (r.type === REL.hyperlink && !r.external) report(`${r.id}: an internal hyperlink relationship (Excel writes <hyperlink location=...>)`);
  }

  if (sst && sst.attrs.count !== undefined && Number(sst.attrs.count) !== sharedRefs) pkg.report(sstPart!, `count="${sst.attrs.count}", but ${sharedRefs} cells use a shared string`);

  checkDefinedNames(pkg, workbookPart, sheets);
  return sheets;
}

/**
 * Defined names: names Excel accepts, once per scope, scopes that exist; references to
 * sheets that exist, quoted as Excel quotes them; print areas and titles absolute, in the
 * shape Excel writes (print_area02: Sheet1!$A$1:$G$1; repeat01: Sheet1!$1:$1).
 */
function checkDefinedNames(pkg: Package, workbookPart: string, sheets: SheetInfo[]): void {
  const root = pkg.xml.get(workbookPart)!;
  const sheetNames = new Set(sheets.map((s) => s.name));
  const seen = new Set<string>();
  for (const n of children(child(root, 'definedNames') ?? root, 'definedName')) {
    const name = n.attrs.name ?? '';
    const scope = n.attrs.localSheetId;
    const where = `defined name ${name}${scope === undefined ? '' : ` (sheet ${scope})`}`;
    if (scope !== undefined && !(Number(scope) < sheets.length)) pkg.report(workbookPart, `${where}: localSheetId ${scope}, but there are ${sheets.length} sheets`);
    const key = `${name.toLowerCase()}|${scope ?? ''}`;
    if (seen.has(key)) pkg.report(workbookPart, `${where} is defined twice in one scope`);
    seen.add(key);
    const builtin = name.startsWith('_xlnm.');
    if (!builtin) {
      const problem = excelNameProblem(name);
      if (problem) pkg.report(workbookPart, `${where} ${problem}`);
    }
    for (const p of referenceProblems(n.text, sheetNames)) pkg.report(workbookPart, `${where}: ${p}`);
    if (name === '_xlnm.Print_Area' || name === '_xlnm.Print_Titles') {
      if (scope === undefined) pkg.report(workbookPart, `${where} needs a localSheetId`);
      const areas = definedNameAreas(n.text);
      if (!areas) pkg.report(workbookPart, `${where}: "${n.text}" is not a list of sheet areas`);
      for (const a of areas ?? []) {
        if (!isAbsoluteArea(a.area)) pkg.report(workbookPart, `${where}: ${a.area} is not absolute (Excel writes $A$1:$G$1, and LibreOffice drops a print range written otherwise)`);
        if (name === '_xlnm.Print_Titles' && !/^\$\d+:\$\d+$|^\$[A-Z]+:\$[A-Z]+$/.test(a.area)) pkg.report(workbookPart, `${where}: ${a.area} is not whole rows or columns`);
        if (scope !== undefined && a.sheet.name !== sheets[Number(scope)]?.name) pkg.report(workbookPart, `${where}: refers to ${a.sheet.name}, not its own sheet ${sheets[Number(scope)]?.name}`);
      }
    } else if (builtin && !['_xlnm._FilterDatabase', '_xlnm.Criteria', '_xlnm.Extract', '_xlnm.Consolidate_Area', '_xlnm.Sheet_Title'].includes(name)) pkg.report(workbookPart, `${where}: not a name Excel defines`);
  }
}

/**
 * Why Excel refuses a defined name: finbook's own rule (compile/excel-limits.ts), except that
 * Excel also takes letters beyond ASCII (defined_name04: étude, eésumé), which finbook's
 * inputs do not use.
 */
function excelNameProblem(name: string): string | undefined {
  if (/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) && !/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return undefined;
  return definedNameProblem(name);
}
