// The YAML document of a file (the yaml library's, which knows where each value sits): built
// only when a value needs it (load.ts), and kept for the last few files within a process (a
// batch of a thousand models reads the same template a thousand times). Documents are only
// read after parsing (toJS() makes fresh values), so sharing them is safe. The values of
// files read before are kept across processes by src/cache/yaml-values.ts.
import type { Document } from 'yaml';
import { isScalar, LineCounter, parseDocument, visit, YAMLParseError } from 'yaml';

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

const KEEP_DOCUMENTS = 4;
const recent = new Map<string, { text: string; parsed: ParsedYaml }>();

export function parseYaml(file: string, text: string): ParsedYaml {
  const hit = recent.get(file);
  recent.delete(file);
  let parsed = hit && hit.text === text ? hit.parsed : undefined;
  if (!parsed) {
    const lineCounter = new LineCounter();
    // the library's own duplicate-key check compares each key with every key before it (a
    // mapping of 30,000 keys took minutes); the same check, linear, is made here instead
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
    doc.errors.push(...duplicateKeys(doc));
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
    parsed = { doc, lineCounter };
  }
  // most recently used last; the oldest goes first
  recent.set(file, { text, parsed });
  if (recent.size > KEEP_DOCUMENTS) recent.delete(recent.keys().next().value!);
  return parsed;
}

/**
 * A key given twice in one mapping, as the library reports it with `uniqueKeys: true`: keys
 * are the same when they are scalars of equal value (its default test), placed at the second.
 */
function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) errors.push(new YAMLParseError(pair.key.range ? [pair.key.range[0], pair.key.range[1]] : [0, 0], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else seen.add(value);
      }
    },
  });
  return errors;
}
