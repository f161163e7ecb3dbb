// Excel's limits, which exceljs does not enforce: a file that breaks them is repaired or refused.

export const MAX_CELL_TEXT = 32_767;
export const MAX_FORMULA = 8_192;
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** Why a sheet name would make Excel repair the file, or undefined when it is fine. */
export function sheetNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a sheet name cannot be empty';
  if (name.length > 31) return `sheet name '${name}' is ${name.length} characters; Excel allows at most 31`;
  const bad = name.match(/[[\]:*?/\\]/);
  if (bad) return `sheet name '${name}' contains '${bad[0]}'; Excel forbids [ ] : * ? / \\`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name '${name}' cannot start or end with an apostrophe`;
  if (name.toLowerCase() === 'history') return `'${name}' is reserved by Excel and cannot be a sheet name`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\ufffe\uffff]/.test(name)) return `sheet name '${name.replace(/[\u0000-\u001f]/g, '?')}' contains a control character`;
  return undefined;
}
