// RFC 4180 CSV as Excel in a city hall opens it without a wizard: UTF-8 with a BOM, CRLF, quotes only where needed.
// Data cells are guarded against formula injection: a clerk who double-clicks the file must not run a resident's "=…".
const BOM = '\uFEFF';

/**
 * Cells a spreadsheet may take for a formula: starting with = + - @, or with a tab or CR (OWASP's CSV-injection list),
 * or with the full-width ＝ ＋ － ＠ a Japanese IME types. They get a leading apostrophe: a spreadsheet then reads the
 * cell as text. The JSON export keeps the exact value.
 */
const FORMULA_START = /^[=+\-@\t\r＝＋－＠]/;

export function formulaSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** A whole file: the header line (the mapping's own column names), then one line per record, each cell formula-safe. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return BOM + csvLine(header) + rows.map((row) => csvLine(row.map(formulaSafe))).join('');
}
