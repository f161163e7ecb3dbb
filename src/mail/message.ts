// The delivery mail: subject with entity and period, a short plain-text and HTML body with the
// key figures and the master check, the workbook (and PDF) attached with their MIME types.
import { basename } from 'node:path';
import type { SendMailOptions } from 'nodemailer';
import { formatFigure } from './format.js';
import type { DeliveryReport } from './report.js';
import { checkStatusText, checksPassed } from './report.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';
export const CHECKS_FAILED_PREFIX = '[CHECKS FAILED] ';

export interface MessageInput {
  report: DeliveryReport;
  to: string[];
  xlsxPath: string;
  pdfPath?: string | undefined;
  /** Where the mail comes from, for the footer: e.g. `job "iij-quarterly"` or `finbook export`. */
  origin: string;
  version: string;
}

export function subjectFor(report: DeliveryReport): string {
  const who = report.entity.ticker ? `${report.entity.name} (${report.entity.ticker})` : report.entity.name;
  const when = report.period.label ? `${report.period.id}, ${report.period.label}` : report.period.id;
  return `${checksPassed(report) ? '' : CHECKS_FAILED_PREFIX}${who}: financial statements ${when}`;
}

function unitsText(report: DeliveryReport): string {
  const scale = report.entity.scale === 'units' ? '' : `${report.entity.scale} of `;
  return `${scale}${report.entity.currency}`;
}

export function composeMessage(input: MessageInput): SendMailOptions {
  const { report } = input;
  const files = [basename(input.xlsxPath), ...(input.pdfPath ? [basename(input.pdfPath)] : [])];
  const periodLine = `Reporting period: ${report.period.id}${report.period.label ? ` (${report.period.label})` : ''}`;
  const rows = report.figures.map((f) => ({ label: f.period === report.period.id ? f.label : `${f.label} (${f.period})`, value: formatFigure(f.value, f.format) }));
  const labelWidth = Math.max(0, ...rows.map((r) => r.label.length));
  const valueWidth = Math.max(0, ...rows.map((r) => r.value.length));
  const who = report.entity.ticker ? `${report.entity.name} (${report.entity.ticker})` : report.entity.name;
  const status = checkStatusText(report);

  const text = [
    who,
    report.sourceTitle,
    periodLine,
    '',
    ...(rows.length > 0
      ? [`Key figures (${unitsText(report)}):`, ...rows.map((r) => `  ${r.label.padEnd(labelWidth)}  ${r.value.padStart(valueWidth)}`)]
      : ['Key figures: none (the template declares no key_figures).']),
    '',
    `Master check: ${status}`,
    '',
    `Attached: ${files.join(', ')}. Every derived figure in the workbook is a live formula.`,
    '',
    `-- `,
    `Sent by finbook ${input.version}, ${input.origin}.`,
    '',
  ].join('\n');

  const figureRows = rows.map((r) => `<tr><td style="padding:2px 16px 2px 0">${esc(r.label)}</td><td style="padding:2px 0;text-align:right;font-variant-numeric:tabular-nums">${esc(r.value)}</td></tr>`).join('\n');
  const html = [
    '<!DOCTYPE html>',
    '<html><body style="font-family:Arial,Helvetica,sans-serif;font-size:14px">',
    `<p><strong>${esc(who)}</strong><br>${esc(report.sourceTitle)}<br>${esc(periodLine)}</p>`,
    rows.length > 0
      ? `<p>Key figures (${esc(unitsText(report))}):</p>\n<table style="border-collapse:collapse">\n${figureRows}\n</table>`
      : '<p>Key figures: none (the template declares no key_figures).</p>',
    `<p>Master check: <strong style="color:${checksPassed(report) ? '#006100' : '#9c0006'}">${esc(status)}</strong></p>`,
    `<p>Attached: ${files.map(esc).join(', ')}. Every derived figure in the workbook is a live formula.</p>`,
    `<p style="color:#666;font-size:12px">Sent by finbook ${esc(input.version)}, ${esc(input.origin)}.</p>`,
    '</body></html>',
    '',
  ].join('\n');

  return {
    to: input.to,
    subject: subjectFor(report),
    text,
    html,
    attachments: [
      // Streamed from the written file, so the attachment is byte for byte the export.
      { filename: basename(input.xlsxPath), path: input.xlsxPath, contentType: XLSX_TYPE },
      ...(input.pdfPath ? [{ filename: basename(input.pdfPath), path: input.pdfPath, contentType: PDF_TYPE }] : []),
    ],
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
