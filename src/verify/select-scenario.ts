// A copy of a written workbook with another scenario chosen in its selector, as someone
// picking from the drop-down would leave it: only the selector cell changes (to the label,
// as an inline string), every cached result stays until a spreadsheet program recalculates.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { worksheetParts } from './read-xlsx.js';

export function withScenarioSelected(xlsx: Uint8Array, sheet: string, ref: string, label: string): Uint8Array {
  const files = unzipSync(xlsx);
  const part = worksheetParts(files).get(sheet);
  if (!part || !files[part]) throw new Error(`the workbook has no sheet '${sheet}' for the scenario selector`);
  const xml = strFromU8(files[part]!);
  const cell = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const m = cell.exec(xml);
  if (!m) throw new Error(`${sheet}!${ref} (the scenario selector) is not in the workbook`);
  const attrs = m[1]!.replace(/\s+t="[^"]*"/, '');
  const text = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  files[part] = strToU8(xml.replace(cell, `<c r="${ref}"${attrs} t="inlineStr"><is><t>${text}</t></is></c>`));
  return zipSync(files);
}
