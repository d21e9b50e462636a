// The screen the kiosk rests on: one big touch anywhere to start, a line in several languages for passers-by.
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
      <span className="attract-others">
        <span lang="en">Touch to start</span> · <span lang="zh-Hans">触摸开始</span> · <span lang="ko">터치하여 시작</span> ·{' '}
        <span lang="vi">Chạm để bắt đầu</span> · <span lang="pt">Toque para começar</span>
      </span>
    </button>
    </>
  );
}
