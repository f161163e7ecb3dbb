// A batch exports many models of one template. The template as read, expanded for the
// model's periods and validated is the same for each of them, so a process keeps the last
// few and uses one again while its file still holds the same text and the model has the
// same periods. Only templates read from one file (no `extends:`) for models without
// `template_changes:` are kept: those are built from nothing but the file's text and the
// periods, which are the key. Nothing downstream changes a template (compile, layout and plan
// only read it), so one value can serve every model.
import { readInputText } from '../input/text.js';
import type { RawTemplate } from './extends.js';
import type { Located } from './load.js';
import type { Period, Template } from './schema.js';

export interface PreparedTemplate {
  /** The template read and expanded for the periods. */
  raw: RawTemplate;
  /** The same, validated. */
  validated: Located<Template>;
}

interface Entry {
  text: string;
  value: PreparedTemplate;
}

const KEEP = 8;
const entries = new Map<string, Entry>();

/** The file's text, or undefined when it cannot be read (the caller reports that). */
export function templateText(file: string): string | undefined {
  const read = readInputText(file);
  return read.ok ? read.text : undefined;
}

export function periodsKey(periods: readonly Period[]): string {
  return JSON.stringify(periods);
}

export function cachedTemplate(file: string, text: string, periods: string): PreparedTemplate | undefined {
  const e = entries.get(`${file}\n${periods}`);
  return e && e.text === text ? e.value : undefined;
}

/** Keep a template read from `text` alone (the caller checks it has no `extends:`). */
export function keepTemplate(file: string, text: string, periods: string, value: PreparedTemplate): void {
  const key = `${file}\n${periods}`;
  entries.delete(key);
  entries.set(key, { text, value });
  // the least recently kept goes first
  if (entries.size > KEEP) entries.delete(entries.keys().next().value!);
}
