// Where the loader may find the value of a YAML text it has read before, and leave the values
// it parses. The model layer only asks; the store itself (on disk, keyed on the text and on
// the build that parsed it) is src/cache/yaml-values.ts, installed by the process's entry
// point. Without one, every file is parsed.

export interface ParsedValueStore {
  /** The value of a YAML text read before, or undefined. */
  get(text: string): unknown;
  /** Keep the value of a YAML text that parsed without errors. */
  put(text: string, value: unknown): void;
}

let store: ParsedValueStore | null = null;

export function useParsedValueStore(s: ParsedValueStore | null): void {
  store = s;
}

export function parsedValueStore(): ParsedValueStore | null {
  return store;
}
