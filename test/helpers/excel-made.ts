// The workbooks saved by Microsoft Excel that sit beside the repository (../shared/excel-made,
// one feature each; its README says which): ground truth for what Excel writes. Read from
// tests only, never copied into the project.
import { strFromU8, unzipSync } from 'fflate';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import type { XmlElement } from './xml-tree.js';
import { parseXml, walk } from './xml-tree.js';

export const EXCEL_MADE = join(ROOT, '..', 'shared', 'excel-made');

export function excelMadeFiles(prefix = ''): string[] {
  if (!existsSync(EXCEL_MADE)) throw new Error(`the Excel-made workbooks are missing: expected them in ${EXCEL_MADE} (the repository's ../shared/excel-made)`);
  return readdirSync(EXCEL_MADE)
    .filter((f) => f.endsWith('.xlsx') && f.startsWith(prefix))
    .sort();
}

/** The XML parts of one Excel-made workbook, parsed. */
export function excelMadeParts(file: string): Map<string, XmlElement> {
  const parts = new Map<string, XmlElement>();
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(join(EXCEL_MADE, file)))))
    if (name.endsWith('.xml') || name.endsWith('.rels')) parts.set(name, parseXml(strFromU8(bytes), `${file}:${name}`));
  return parts;
}

/** Sheet name -> how Excel wrote it before the `!` of a chart series, over quote_name01-11. */
export function excelQuotedSheetNames(): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of excelMadeFiles('quote_name')) {
    const parts = excelMadeParts(file);
    const names = [...walk(parts.get('xl/workbook.xml')!)].filter(({ el }) => el.local === 'sheet').map(({ el }) => el.attrs.name!);
    for (const [name, root] of parts) {
      if (!name.startsWith('xl/charts/')) continue;
      for (const { el } of walk(root)) {
        if (el.local !== 'f') continue;
        const prefix = el.text.slice(0, el.text.lastIndexOf('!'));
        const sheet = names.find((n) => prefix === n || prefix === `'${n.replace(/'/g, "''")}'`);
        if (sheet !== undefined) out.set(sheet, prefix);
      }
    }
  }
  return out;
}
