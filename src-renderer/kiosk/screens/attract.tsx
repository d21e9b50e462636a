// The screen the kiosk rests on: one big touch anywhere to start, a line in several languages for passers-by.
import { useFlow, useKiosk } from '../context';
import { useWords } from '../words';

export function AttractScreen() {
  const flow = useFlow();
  const { t } = useWords();
  const city = useKiosk((s) => s.info?.cityName ?? '');
  return (
    <button type="button" className="attract" onClick={() => flow.begin()}>
      <span className="attract-city">{city}</span>
      <span className="attract-title">{t('attract.title')}</span>
      <span className="attract-lead">{t('attract.lead')}</span>
      <span className="attract-touch">{t('attract.touch')}</span>
      <span className="attract-others" lang="en">
        Touch to start · 触摸开始 · 터치하여 시작 · Chạm để bắt đầu · Toque para começar
      </span>
    </button>
  );
}
