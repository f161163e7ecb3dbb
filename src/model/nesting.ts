// How deep a YAML or JSON text nests, found in one pass over the text before any parser
// runs: parsers, the schema and every walk over the value recurse once per level, and a file
// nested thousands deep ([[[[...]]]], or a mapping inside a mapping...) would overflow the
// stack. Models and templates nest about eight deep; a file nesting deeper than
// MAX_NESTING is refused at the line and column where it passes the limit.
//
// The count is what YAML nests: block mappings and sequences by their indentation (and the
// "- " items on a line), flow collections by their brackets, outside quoted strings,
// comments and block scalars (| >). It is exact for the files finbook writes and an upper
// bound otherwise; a file the parser would reject anyway may be counted loosely.

export const MAX_NESTING = 100;

export interface TooDeep {
  line: number;
  col: number;
}

export function tooDeep(text: string, max: number = MAX_NESTING): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | null = null;
  /** The indentation of the line that opened a block scalar; its deeper lines are text. */
  let scalarIndent = -1;
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;
    let i = 0;
    if (flow === 0 && quote === null) {
      while (line.charCodeAt(i) === 0x20) i++;
      const rest = line.slice(i).replace(/\r$/, '');
      if (rest === '' || rest[0] === '#') continue;
      if (scalarIndent >= 0 && i > scalarIndent) continue;
      scalarIndent = -1;
      while (indents.length > 0 && indents[indents.length - 1]! >= i) indents.pop();
      indents.push(i);
      // "- - x" and "? x" nest on one line
      while ((line[i] === '-' || line[i] === '?') && (line[i + 1] === ' ' || i + 1 === line.length)) {
        i += 2;
        if (indents.length + 1 > max) return { line: lineNo, col: i - 1 };
        indents.push(i - 1);
        while (line[i] === ' ') i++;
      }
      if (indents.length > max) return { line: lineNo, col: i + 1 };
    }
    // the rest of the line: quoted strings, brackets, comments
    let valueStart = true;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (quote !== null) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = null;
        }
        continue;
      }
      if (c === ' ' || c === '\t') continue;
      if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
      if ((c === '"' || c === "'") && (flow > 0 || valueStart)) {
        quote = c;
        continue;
      }
      if ((c === '[' || c === '{') && (flow > 0 || valueStart)) {
        flow++;
        if (indents.length + flow > max) return { line: lineNo, col: i + 1 };
        continue;
      }
      if ((c === ']' || c === '}') && flow > 0) {
        flow--;
        continue;
      }
      if (flow === 0) {
        // in block context a collection or quote starts a value: after "key: ", or nowhere else on the line
        if (c === ':' && (line[i + 1] === ' ' || i + 1 === line.length)) valueStart = true;
        else if ((c === '|' || c === '>') && valueStart && /^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i).replace(/\r$/, ''))) {
          scalarIndent = indents[indents.length - 1] ?? 0;
          break;
        } else valueStart = false;
      } else valueStart = c === ',' || c === ':';
    }
  }
  return undefined;
}
