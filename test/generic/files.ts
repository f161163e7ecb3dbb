// Write a folder of small files (model, templates, CSV) inline, so each test shows its input.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/cli.js';

export function writeFiles(files: Record<string, string>): string {
  const dir = tempDir('finbook-generic-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A two-year model header (periods FY2024, FY2023, latest first) naming `template`. */
export function modelHead(template: string): string {
  return `finbook_model: 1
template: ${template}
entity: { name: Test Co, currency: USD, scale: thousands }
source: { title: Test figures, date: 2025-02-01 }
periods:
  - { id: FY2024, label: "Fiscal 2024", kind: year, start: 2024-01-01, end: 2024-12-31 }
  - { id: FY2023, label: "Fiscal 2023", kind: year, start: 2023-01-01, end: 2023-12-31 }
`;
}

/** A one-sheet template with value columns for every period of the model. */
export const BASE_TEMPLATE = `finbook_template: 1
name: Base
sheets:
  - id: is
    name: Income
    columns:
      - { each: period, kind: value, period: "{period}", title: "{label}" }
    lines:
      - { id: sales, label: "Sales" }
      - { id: other_sales, label: "Other sales", optional: true }
      - { id: total_sales, label: "Total sales", formula: "sum(sales:other_sales)", style: total }
      - { id: costs, label: "Costs" }
      - { id: profit, label: "Profit", formula: "total_sales + costs", style: net }
`;
