// What the done screen tells the resident about each form: the counter that takes it, its fee for the answers given
// and what to bring. Read from the template version the form was made with.
import type { SubmittedForm } from '../contract/kiosk';
import { feeOf } from '../forms/model/fee';
import type { FieldValue } from '../forms/field-types/field-type';
import type { Template } from '../forms/model/template';

type MadeForm = { templateId: string; values?: ReadonlyMap<string, FieldValue> };

export function submittedForms(templates: readonly Template[], forms: readonly MadeForm[]): SubmittedForm[] {
  return forms.flatMap((form) => {
    const template = templates.find((t) => t.id === form.templateId);
    if (!template) return [];
    const values = Object.fromEntries([...(form.values ?? [])].filter((e): e is [string, string | boolean] => typeof e[1] !== 'object'));
    const feeYen = feeOf(template.fee, values);
    return [
      {
        templateId: template.id,
        title: template.title,
        ...(template.office ? { counter: template.office.counter } : {}),
        ...(feeYen !== undefined ? { feeYen } : {}),
        bring: template.office?.bring ?? [],
      },
    ];
  });
}
