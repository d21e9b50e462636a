// A message with furigana marks rendered as <ruby>, for やさしい日本語; plain text passes through unchanged.
import { markedParts } from '../i18n';

export function Marked(props: { text: string }) {
  return (
    <>
      {markedParts(props.text).map((p, i) =>
        p.reading === undefined ? (
          p.text
        ) : (
          <ruby key={i}>
            {p.text}
            <rp>(</rp>
            <rt>{p.reading}</rt>
            <rp>)</rp>
          </ruby>
        ),
      )}
    </>
  );
}
