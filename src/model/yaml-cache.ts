// Parsed YAML documents, kept for the few files read again and again in one process: a
// batch of a thousand models reads the same template a thousand times, and parsing it
// costs more than exporting a model. The document is only read afterwards (toJS() makes
// fresh values each time, positions are looked up), so sharing it is safe. Keyed by path
// and checked against the text, so an edited file is parsed again.
import type { Document } from 'yaml';
import { LineCounter, parseDocument } from 'yaml';

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

const KEEP = 4;
const recent = new Map<string, { text: string; parsed: ParsedYaml }>();

export function parseYaml(file: string, text: string): ParsedYaml {
  const hit = recent.get(file);
  recent.delete(file);
  const parsed =
    hit && hit.text === text
      ? hit.parsed
      : (() => {
          const lineCounter = new LineCounter();
          return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true }), lineCounter };
        })();
  // most recently used last; the oldest goes first
  recent.set(file, { text, parsed });
  if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
  return parsed;
}
