// The height of a row whose note wraps. Neither Excel nor LibreOffice fits a row to wrapped
// text when it opens a file, so finbook writes the height: enough lines for the note at the
// column's width. Notes are 9 pt italic Arial (write/styles.ts), about 1.4 characters to a
// unit of column width (a digit of the 11 pt default font), measured on LibreOffice's
// rendering of the default workbook; a line is 11.5 pt.

const CHARACTERS_PER_WIDTH = 1.4;
const LINE_POINTS = 11.5;

/** The row height in points for a note in a column (or merged columns) this wide, or undefined for one line. */
export function noteRowHeight(text: string, width: number): number | undefined {
  const lines = Math.ceil(text.length / (width * CHARACTERS_PER_WIDTH));
  return lines > 1 ? lines * LINE_POINTS + 2 : undefined;
}
