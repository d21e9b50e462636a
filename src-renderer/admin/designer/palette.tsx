// The field types to drag onto the paper (or add with Enter, for the keyboard), and the form's fields as a list:
// another way to select a box, and the one a screen reader uses.
import { fieldPanels, panelOf } from '../../field-types';
import { useAdmin, useT } from '../context';
import { PALETTE_MIME } from './canvas';
import { useDesigner, useDesignerStore, useFieldFlags } from './context';
import { addField, pageSizeOf, placeKey } from './template-edits';

export function Palette() {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  const store = useDesignerStore();
  /** Without a pointer: the new field goes near the top left of page 1, below the fields already there. */
  const addWithKeyboard = (type: keyof typeof fieldPanels) => {
    const s = store.getState();
    const [w, h] = fieldPanels[type].size;
    const size = pageSizeOf(s.doc);
    const y = Math.min(20 + (s.doc.fields.length % 20) * 10, size.heightMm - h);
    const added = addField(s.doc, type, 1, [20, y, w, h]);
    s.commit(added.doc);
    const first = panelOf(type)!.places(added.field)[0];
    if (first) s.select([placeKey(added.field.id, first.path)]);
  };
  return (
    <section className="designer-palette" aria-labelledby="palette-title">
      <h3 id="palette-title">{t('designer.palette')}</h3>
      <p className="panel-hint" id="palette-hint">{t('designer.paletteHint')}</p>
      <ul>
        {(Object.keys(fieldPanels) as (keyof typeof fieldPanels)[]).map((type) => (
          <li key={type}>
            <button
              type="button"
              className="designer-palette-item"
              data-type={type}
              draggable
              aria-describedby="palette-hint"
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, type);
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => addWithKeyboard(type)}
            >
              <span className="designer-mark" aria-hidden="true">{fieldPanels[type].mark}</span>
              {fieldPanels[type].name[lang]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FieldList() {
  const t = useT();
  const lang = useAdmin((s) => s.lang);
  const store = useDesignerStore();
  const { fields, selection } = useDesigner((s) => ({ fields: s.doc.fields, selection: s.selection }));
  const flags = useFieldFlags();
  const selectedIds = new Set(selection.map((k) => k.slice(0, k.lastIndexOf('@'))));
  return (
    <section className="designer-fields" aria-labelledby="fields-title">
      <h3 id="fields-title">{t('designer.fields', { n: fields.length })}</h3>
      {fields.length === 0 && <p className="panel-hint">{t('designer.noFields')}</p>}
      <ul>
        {fields.map((f) => {
          const panel = panelOf(f.type);
          const keys = panel ? panel.places(f).map((p) => placeKey(f.id, p.path)) : [];
          return (
            <li key={f.id}>
              <button
                type="button"
                className={selectedIds.has(f.id) ? 'designer-field-item is-selected' : 'designer-field-item'}
                aria-pressed={selectedIds.has(f.id)}
                onClick={(e) => store.getState().select(keys, { add: e.shiftKey || e.ctrlKey || e.metaKey })}
              >
                <span className="designer-mark" aria-hidden="true">{panel?.mark ?? '?'}</span>
                <span className="designer-field-label">{f.label[lang === 'en' ? 'en' : 'ja'] || f.id}</span>
                <span className="designer-field-id">{f.id}</span>
                {flags.has(f.id) && <span className="designer-flag-dot" aria-label={t('designer.hasProblem')}>!</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
