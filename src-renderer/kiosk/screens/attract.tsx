// The screen the kiosk rests on: one big touch anywhere to start, and the seven languages right under it, so a
// resident who knows hers starts in it with one touch (no language screen).
import { LANGUAGES } from '../../../src-main/contract/kiosk';
import { languageNames } from '../../i18n';
import { KioskStaffCorner } from '../staff-panel';
import { CardOnReader } from '../../ui/icons';
import { useFlow, useKiosk } from '../context';
import { useWords } from '../words';

export function AttractScreen() {
  const flow = useFlow();
  const { t, say } = useWords();
  const city = useKiosk((s) => s.info?.cityName ?? '');
  return (
    <>
    <KioskStaffCorner staff={flow.staff} />
    <button type="button" className="attract" onClick={() => flow.begin()}>
      <span className="attract-city">{city}</span>
      <span className="attract-title">{t('attract.title')}</span>
      <span className="attract-lead">{t('attract.lead')}</span>
      <CardOnReader label={say('card.illustration')} />
      <span className="attract-touch">{t('attract.touch')}</span>
    </button>
    <div className="attract-languages" role="group" aria-labelledby="attract-languages-title">
      <p id="attract-languages-title" className="attract-others">
        {t('language.title')} · <span lang="en">Choose your language</span> · <span lang="zh-Hans">选择语言</span> · <span lang="ko">언어 선택</span> ·{' '}
        <span lang="vi">Chọn ngôn ngữ</span> · <span lang="pt">Escolha o idioma</span>
      </p>
      <div className="attract-language-list">
        {LANGUAGES.map((l) => (
          <button key={l} type="button" className="attract-language" data-language={l} lang={languageNames[l].lang} onClick={() => void flow.chooseLanguage(l)}>
            {languageNames[l].name}
          </button>
        ))}
      </div>
    </div>
    </>
  );
}
