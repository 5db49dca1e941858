import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ID_DOCUMENT_TYPES, type IdDocumentType } from '@yichuang/core';

const ID_TYPES = Object.keys(ID_DOCUMENT_TYPES) as IdDocumentType[];

/** A labelled text input of an identity form, with its problem under it. */
export interface TextFieldSpec {
  /** The field's key: `data-field`, and the id of its problem (`<field>-problem`). */
  field: string;
  label: string;
  value: string;
  /** What is wrong with it, in the clerk's language; shown under it and announced with the input. */
  problem: string | undefined;
  autocomplete: AutoFill;
  type?: 'text' | 'tel';
  /** The id of a hint that describes the input while it has no problem. */
  describedBy?: string | undefined;
  onInput: (value: string) => void;
  onBlur: () => void;
}

/** A text field of the applicant and proxy forms. */
export function textField(spec: TextFieldSpec): TemplateResult {
  const { field, problem } = spec;
  return html`<label class="field" part="field" data-field=${field}>
    ${spec.label}
    <input
      type=${spec.type ?? 'text'}
      .autocomplete=${spec.autocomplete}
      .value=${live(spec.value)}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${problem ? `${field}-problem` : (spec.describedBy ?? nothing)}
      @input=${(event: Event) => spec.onInput((event.target as HTMLInputElement).value)}
      @blur=${spec.onBlur}
    />
    ${problem ? html`<span class="problem" part="problem" id="${field}-problem">${problem}</span>` : nothing}
  </label>`;
}

/** A labelled choice among `options` (value → label), the one given selected. */
export function selectField<T extends string>(spec: {
  field: string;
  label: string;
  value: T;
  options: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}): TemplateResult {
  return html`<label class="field" part="field" data-field=${spec.field}>
    ${spec.label}
    <select @change=${(event: Event) => spec.onChange((event.target as HTMLSelectElement).value as T)}>
      ${spec.options.map(([value, label]) => html`<option value=${String(value)} ?selected=${spec.value === value}>${label}</option>`)}
    </select>
  </label>`;
}

/** The identity document types, labelled in `lang`, for {@link selectField}. */
export function idTypeOptions(lang: 'zh' | 'en'): (readonly [IdDocumentType, string])[] {
  return ID_TYPES.map((type) => [type, ID_DOCUMENT_TYPES[type][lang]] as const);
}
