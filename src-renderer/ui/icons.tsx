// Line icons drawn inline (no icon font, no network): one per procedure category and for the card step.
const paths: Record<string, string> = {
  document: 'M14 4h20l10 10v30H14z M34 4v10h10 M20 24h18 M20 31h18 M20 38h12',
  seal: 'M24 6a8 8 0 1 1 0 16a8 8 0 1 1 0-16z M18 22h12v8H18z M10 30h28v6H10z M10 42h28',
  family: 'M16 14a5 5 0 1 1 0 .1z M32 14a5 5 0 1 1 0 .1z M8 42v-12a8 8 0 0 1 16 0v12 M24 42v-12a8 8 0 0 1 16 0v12',
  house: 'M6 24L24 8l18 16 M12 20v22h24V20 M20 42V30h8v12',
  baby: 'M24 10a10 10 0 1 1 0 20a10 10 0 1 1 0-20z M20 18h.1 M28 18h.1 M20 24q4 3 8 0 M16 34l-4 8 M32 34l4 8',
  care: 'M24 40S8 30 8 18a8 8 0 0 1 16-2a8 8 0 0 1 16 2c0 12-16 22-16 22z',
};

export function Icon(props: { name: string; size?: number }) {
  const d = paths[props.name] ?? paths.document!;
  return (
    <svg className="icon" viewBox="0 0 48 48" width={props.size ?? 64} height={props.size ?? 64} aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Which icon a procedure shows, from its category or id; a document when nothing fits. */
export function iconFor(category: string, id: string): string {
  const s = `${category} ${id}`.toLowerCase();
  if (/seal|inkan/.test(s)) return 'seal';
  if (/child|jido|baby|birth|ninshin|hoiku/.test(s)) return 'baby';
  if (/move|tenkyo|tennyu|tenshutsu|address|moving|ido/.test(s)) return 'house';
  if (/care|kaigo|health/.test(s)) return 'care';
  if (/family|household|life/.test(s)) return 'family';
  return 'document';
}

/** The card step's picture: a card coming down onto a reader, photo side up. */
export function CardOnReader(props: { label: string }) {
  return (
    <svg className="card-illustration" viewBox="0 0 320 220" role="img" aria-label={props.label}>
      <rect x="40" y="150" width="240" height="50" rx="10" fill="#dfe6ee" stroke="#1d3b5c" strokeWidth="4" />
      <rect x="70" y="138" width="180" height="16" rx="4" fill="#b8c7d8" stroke="#1d3b5c" strokeWidth="3" />
      <g className="card-illustration-card">
        <rect x="80" y="20" width="160" height="100" rx="10" fill="#fff" stroke="#0b4f9c" strokeWidth="4" />
        <rect x="96" y="38" width="40" height="52" rx="4" fill="#cfe0f5" stroke="#0b4f9c" strokeWidth="3" />
        <circle cx="116" cy="56" r="9" fill="#0b4f9c" />
        <path d="M102 86q14-18 28 0" fill="#0b4f9c" />
        <path d="M150 44h72M150 60h72M150 76h48" stroke="#5a6b7d" strokeWidth="5" strokeLinecap="round" />
      </g>
      <path d="M160 124v10" stroke="#0b4f9c" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}
