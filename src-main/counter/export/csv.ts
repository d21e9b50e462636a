// RFC 4180 CSV as Excel in a city hall opens it without a wizard: UTF-8 with a BOM, CRLF, quotes only where needed.
const BOM = '\uFEFF';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** A whole file: the header line, then one line per record. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return BOM + csvLine(header) + rows.map(csvLine).join('');
}
