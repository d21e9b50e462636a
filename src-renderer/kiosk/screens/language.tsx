// Seven languages, each written in itself, as big buttons.
import { LANGUAGES } from '../../../src-main/contract/kiosk';
import { languageNames } from '../../i18n';
import { useFlow, useKiosk } from '../context';
import { useWords } from '../words';

export function LanguageScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const current = useKiosk((s) => s.language);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('language.title')}</h1>
      <p className="subtitle">
        <span lang="en">Choose your language</span> · <span lang="zh-Hans">选择语言</span> · <span lang="ko">언어 선택</span> ·{' '}
        <span lang="vi">Chọn ngôn ngữ</span> · <span lang="pt">Escolha o idioma</span>
      </p>
      <div className="language-list">
        {LANGUAGES.map((l) => (
          <button key={l} type="button" className="language" lang={languageNames[l].lang} aria-current={l === current ? 'true' : undefined} onClick={() => void flow.chooseLanguage(l)}>
            {languageNames[l].name}
          </button>
        ))}
      </div>
    </section>
  );
}
