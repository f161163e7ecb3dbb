// finbook's one XML escaper, with Excel's rules (the Excel-made escapes01-08, hyperlink04,
// quote_name01): & < > and " become entities, an apostrophe stays as it is
// (location="'A &amp; B'!A1"), and the characters XML 1.0 cannot hold even as entities
// (C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF) are dropped; plan/
// text-safety.ts has refused them already, so dropping is only a net. DEL (U+007F) is an XML
// character and stays. Parts whose bytes must equal exceljs' own writer (cells, shared
// strings) use exceljs' encoder instead, through exceljs-internals.ts.

// XML 1.0 forbids most control characters even when escaped; drop them.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// most text needs no change: test once before replacing
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/;

/** Text for an element or an attribute value, escaped as Excel escapes it. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
