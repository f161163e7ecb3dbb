// The name of the workbook finbook writes. finbook writes Office Open XML (.xlsx) only: under
// another extension Excel warns that the file's format and extension do not match (.xls) or
// expects macros or a binary format (.xlsm, .xlsb), and mail clients and file managers pick
// the wrong program. So a wrong extension is refused, with the name that would work.
import { basename, extname } from 'node:path';

/** Why `--out` cannot name the workbook, or undefined when it ends in .xlsx. */
export function workbookPathProblem(path: string): string | undefined {
  const ext = extname(path);
  if (ext.toLowerCase() === '.xlsx') return undefined;
  const name = basename(path);
  const suggestion = `${ext ? name.slice(0, -ext.length) : name}.xlsx`;
  const why = ext.toLowerCase() === '.xls' ? 'an .xls name makes Excel warn that the file is not what its name says' : ext ? `${ext} is not the extension of an .xlsx workbook` : 'the name has no extension';
  return `--out ${name}: finbook writes .xlsx workbooks and ${why}; use ${suggestion}`;
}
