// The kiosk's small 職員用 corner: the pairing code a clerk's desk enters, the paired desks, and revoking one.
// Staff words only (Japanese first): the resident never needs it, so it stays out of the kiosk's languages.
import { useEffect, useState } from 'react';
import type { DeskInfo } from '../../src-main/contract/clerk';
import './kiosk-staff-panel.css';

export interface KioskStaffActions {
  pairingCode(): Promise<{ code: string; expiresAt: number }>;
  desks(): Promise<{ desks: DeskInfo[] }>;
  revoke(deskId: string): Promise<{ revoked: boolean }>;
}

export function KioskStaffCorner({ staff }: { staff: KioskStaffActions }) {
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null);
  const [desks, setDesks] = useState<DeskInfo[]>([]);

  useEffect(() => {
    if (!open) return;
    const refresh = () => {
      void staff.pairingCode().then(setCode, () => setCode(null));
      void staff.desks().then((d) => setDesks(d.desks), () => setDesks([]));
    };
    refresh();
    // The code rotates after use and every few minutes: keep the shown one current.
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [open, staff]);

  if (!open) {
    return (
      <button type="button" className="staff-corner" onClick={() => setOpen(true)}>
        職員用 <span lang="en">Staff</span>
      </button>
    );
  }
  return (
    <section className="staff-panel" aria-labelledby="staff-title">
      <h2 id="staff-title">職員用 / Staff</h2>
      <p>
        ペアリング番号 / Pairing code: <strong className="staff-code">{code?.code ?? '—'}</strong>
      </p>
      <h3>ペアリング中の端末 / Paired desks</h3>
      <ul className="staff-desks">
        {desks.length === 0 && <li>なし / none</li>}
        {desks.map((d) => (
          <li key={d.deskId} data-desk-id={d.deskId}>
            {d.deskId} ({new Date(d.pairedAt).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' })})
            <button type="button" onClick={() => void staff.revoke(d.deskId).then(() => setDesks(desks.filter((x) => x.deskId !== d.deskId)))}>
              解除 / Revoke
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setOpen(false)}>閉じる / Close</button>
    </section>
  );
}
