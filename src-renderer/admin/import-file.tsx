// Importing a template or bundle exported from another counter (`<id>-v<version>.kakanai.json`): it becomes a new
// version, not yet live. A refused file says which file, which field and why.
import { useId, useRef, useState } from 'react';
import type { DocumentIssue, DocumentKind } from '../../src-main/contract/admin';
import { call } from './client';
import { failureNotice, useT } from './context';

export function ImportFile(props: { onImported(result: { kind: DocumentKind; id: string; version: number }): void }) {
  const t = useT();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<{ file: string; issues: DocumentIssue[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File) => {
    setRefused(null);
    setError(null);
    setBusy(true);
    try {
      const result = await call('documents.import', { fileName: file.name, text: await file.text() });
      if (result.ok) props.onImported(result);
      else setRefused({ file: result.file, issues: result.issues });
    } catch (e) {
      const f = failureNotice(e);
      setError(t(f.key, f.params));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="admin-import">
      <label htmlFor={inputId} className="admin-file-label">
        {t('import.choose')}
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept=".json,application/json"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importFile(file);
        }}
      />
      {refused && <RefusedFile heading={t('import.refused', { file: refused.file })} issues={refused.issues} />}
      {error && <p className="admin-notice admin-notice-error" role="alert">{error}</p>}
    </div>
  );
}

/** A file that was not taken: which file, then each field and why (the designer's import and the hall's upload). */
export function RefusedFile(props: { heading: string; issues: DocumentIssue[] }) {
  const t = useT();
  return (
    <div className="admin-refused" role="alert">
      <p>
        <strong>{props.heading}</strong>
      </p>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('import.field')}</th>
            <th scope="col">{t('import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {props.issues.map((i, n) => (
            <tr key={n} data-issue-field={i.fieldId ?? ''}>
              <td>{i.fieldId ?? '—'}</td>
              <td>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
