// What a household person's own My Number Card gave, read-only and marked 「カードから読みました」: on their screen
// and on the review. The My Number is never shown, only that it was read.
import { useId, type ReactNode } from 'react';
import type { PersonCardView } from '../../../src-main/contract/kiosk';
import { dateAnswerText } from '../../field-types/date/input';
import { useWords } from '../words';

const sexOnCard: Record<string, string> = { '1': '男', '2': '女' };

export function PersonCardRead(props: { view: PersonCardView; children?: ReactNode }) {
  const { t } = useWords();
  const mark = useId();
  const { view } = props;
  return (
    <div className="person-card-read" role="group" aria-labelledby={mark} data-person={view.person}>
      <p id={mark} className="tag tag-from-card">
        <span aria-hidden="true">✓ </span>
        {t('personCard.fromCard')}
      </p>
      <dl className="answer-list" lang="ja">
        <div><dt>{t('review.name')}</dt><dd className="person-card-name">{view.name}</dd></div>
        <div><dt>{t('review.birthDate')}</dt><dd>{dateAnswerText(view.birthDate)}</dd></div>
        <div><dt>{t('review.sex')}</dt><dd>{sexOnCard[view.sex] ?? '—'}</dd></div>
        <div><dt>{t('review.address')}</dt><dd>{view.address}</dd></div>
      </dl>
      {view.myNumberRead && <p className="subtitle">{t('personCard.myNumberRead')}</p>}
      {props.children}
    </div>
  );
}
