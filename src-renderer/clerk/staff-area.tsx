// The form's 職員記入欄 filled from the desk: the identity document the clerk checked, the fee the templates compute
// and the 受付番号. Recording it draws the strip on every form of the submission (staged until confirmed).
import { useState } from 'react';
import { ID_DOCUMENTS, type IdDocument, type SubmissionView } from '../../src-main/contract/clerk';
import { ID_DOCUMENT_WORDS, paperWord } from './paper-words';
import type { ClerkLanguage } from './words';

export function StaffArea(props: { language: ClerkLanguage; paper: SubmissionView; editable: boolean; onRecord(idDocument: IdDocument): Promise<boolean> }) {
  const { language, paper } = props;
  const [choice, setChoice] = useState<IdDocument | ''>(paper.staff.idDocument ?? '');
  const fees = paper.forms.map((f) => f.feeYen).filter((y): y is number => y !== null);
  const total = fees.reduce((a, b) => a + b, 0);
  return (
    <section className="desk-staff" aria-labelledby="staff-title">
      <h3 id="staff-title">{paperWord(language, 'staff.title')}</h3>
      <dl className="desk-values">
        <div><dt>{paperWord(language, 'staff.ticket')}</dt><dd className="desk-ticket">{paper.item.ticketNumber}</dd></div>
        <div><dt>{paperWord(language, 'staff.fee')}</dt><dd>{fees.length === 0 || total === 0 ? paperWord(language, 'paper.noFee') : paperWord(language, 'paper.yen', { n: total.toLocaleString('ja-JP') })}</dd></div>
        <div><dt>{paperWord(language, 'staff.idDocument')}</dt><dd>{paper.staff.idDocument ? ID_DOCUMENT_WORDS[language][paper.staff.idDocument] : '—'}</dd></div>
      </dl>
      {props.editable && (
        <form
          className="desk-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) void props.onRecord(choice);
          }}
        >
          <label htmlFor="staff-id-document">{paperWord(language, 'staff.idDocument')}</label>
          <select id="staff-id-document" value={choice} onChange={(e) => setChoice(e.target.value as IdDocument | '')}>
            <option value="">{paperWord(language, 'staff.choose')}</option>
            {ID_DOCUMENTS.map((d) => <option key={d} value={d}>{ID_DOCUMENT_WORDS[language][d]}</option>)}
          </select>
          <button type="submit" disabled={choice === ''}>{paperWord(language, 'staff.record')}</button>
        </form>
      )}
    </section>
  );
}
