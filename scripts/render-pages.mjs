#!/usr/bin/env node
// Render every sheet of the example workbooks as a reader sees it printed, and keep the
// pictures in docs/: finbook export --pdf (headless LibreOffice, throw-away profile) ->
// pdftoppm, one PNG per page, named after the sheet the page prints (its header names it).
// Also refreshes the README's three pictures. Run `npm run build` first; needs soffice and
// poppler-utils.
//   node scripts/render-pages.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = join(root, 'docs/images/pages');
const DPI = 72;

const EXAMPLES = [
  { id: 'iij', title: 'Internet Initiative Japan, 4Q / fiscal 2002 (the default model)', model: 'data/iij-fy2002.yaml' },
  { id: 'photronics', title: 'Photronics, fiscal 2011 (the generic template)', model: 'data/photronics-fy2011.yaml' },
  { id: 'quarterly', title: 'Quarterly example: eight quarters rolled up into two fiscal years (the generic template)', model: 'data/quarterly-example.yaml' },
];

const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', cwd: root });
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const tmp = mkdtempSync(join(tmpdir(), 'finbook-pages-'));
try {
  rmSync(pagesDir, { recursive: true, force: true });
  mkdirSync(pagesDir, { recursive: true });
  const index = ['# Every sheet, printed', '', 'Each page of the example workbooks as LibreOffice prints it (`finbook export --pdf`), one', 'picture per page, made by `node scripts/render-pages.mjs`. Inputs are blue, formulas black,', 'links to other sheets green.', ''];
  for (const ex of EXAMPLES) {
    const book = join(tmp, `${ex.id}.xlsx`);
    run(process.execPath, ['bin/finbook.cjs', 'export', ex.model, '--out', book, '--pdf', '--quiet']);
    const pdf = join(tmp, `${ex.id}.pdf`);
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))[1]);
    index.push(`## ${ex.title}`, '');
    const seen = new Map();
    for (let page = 1; page <= pages; page++) {
      // the page header: the company on the left, the sheet's name on the right (&A)
      const header = run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-']).split('\n').find((l) => l.trim() !== '') ?? '';
      const sheet = header.trim().split(/\s{2,}/).pop();
      const n = (seen.get(sheet) ?? 0) + 1;
      seen.set(sheet, n);
      const name = `${ex.id}-${String(page).padStart(2, '0')}-${slug(sheet)}${n > 1 ? `-${n}` : ''}`;
      run('pdftoppm', ['-r', String(DPI), '-f', String(page), '-l', String(page), '-png', '-singlefile', pdf, join(pagesDir, name)]);
      index.push(`**${sheet}**${n > 1 ? ` (page ${n})` : ''}`, '', `![${ex.id}: ${sheet}](images/pages/${name}.png)`, '');
    }
    if (ex.id === 'iij') {
      // the README's pictures: the quarterly statement of operations, and the Charts sheet's charts
      const pageOf = (sheet) => [...readdirSync(pagesDir)].sort().find((f) => f.startsWith('iij-') && f.endsWith(`-${slug(sheet)}.png`)).slice(4, 6);
      run('pdftoppm', ['-r', '90', '-f', pageOf('IS Quarter'), '-l', pageOf('IS Quarter'), '-png', '-singlefile', pdf, join(root, 'docs/images/income-statement')]);
      run('pdftoppm', ['-r', '110', '-f', pageOf('Charts'), '-l', pageOf('Charts'), '-x', '60', '-y', '120', '-W', '1190', '-H', '520', '-png', '-singlefile', pdf, join(root, 'docs/images/charts')]);
      // the top of the Tie-out sheet's first page: its summary and the first printed figures
      run('pdftoppm', ['-r', '130', '-f', pageOf('Tie-out'), '-l', pageOf('Tie-out'), '-x', '40', '-y', '60', '-W', '1350', '-H', '560', '-png', '-singlefile', pdf, join(root, 'docs/images/tie-out')]);
    }
  }
  writeFileSync(join(root, 'docs/pages.md'), `${index.join('\n')}`);
  console.log(`wrote ${readdirSync(pagesDir).length} pages to docs/images/pages, docs/pages.md and the README's pictures`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
