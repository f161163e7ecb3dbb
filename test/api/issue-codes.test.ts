// Every issue code is documented in docs/api.md, and the page documents no other: the code
// list (ISSUE_CODES, whose union Issue.code is) and the page's table are one list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../src/issues.js';
import { ROOT } from '../helpers/cli.js';

const page = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const table = page.slice(page.indexOf('## Issue codes'));
const documented = [...table.matchAll(/^\| `([a-z_0-9]+)` \| (.+) \|$/gm)].map((m) => ({ code: m[1]!, meaning: m[2]!.trim() }));

describe('the issue codes of docs/api.md', () => {
  it('are exactly ISSUE_CODES, in its order, each once', () => {
    expect(documented.map((d) => d.code)).toEqual([...ISSUE_CODES]);
  });

  it.each(documented)('$code has a meaning', ({ meaning }) => {
    expect(meaning.length).toBeGreaterThan(15);
  });
});
