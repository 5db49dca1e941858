import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  CaseSchema,
  FormFieldSchema,
  IllegalTransitionError,
  ServiceItemSchema,
  checkForm,
  mergeItemForms,
  prefillForm,
  transition,
  type CaseItemFacts,
  type CaseMaterial,
  type FormField,
} from '@yichuang/core';
import { by, draft, insurance } from './support/intake-case.js';

const field = (key: string, label: string, kind: FormField['kind'], patch: Partial<FormField> = {}): FormField => ({
  key,
  label,
  kind,
  required: true,
  ...patch,
});
const phone = field('contact-phone', '联系电话', 'phone', { prefill: 'applicant.phone' });
const name = field('applicant-name', '申请人姓名', 'text', { prefill: 'applicant.name' });
const household = field('household-size', '家庭人口', 'number', { min: 1, max: 20, unit: '人' });
const reason = field('reason', '申请事由', 'multiline', { required: false, max: 100 });
const kind = field('insured-kind', '参保类别', 'choice', { options: ['城镇居民', '农村居民'] });

const withForm: CaseItemFacts = { ...insurance, form: [name, phone, kind] };
const other: CaseItemFacts = {
  ...insurance,
  id: 'item-b',
  name: '公租房申请',
  materials: [],
  form: [{ ...phone, required: false }, household, reason],
};

describe('application form (申请表)', () => {
  it('asks each field once for several items, required if any item requires it', () => {
    const merged = mergeItemForms([withForm, other]);
    expect(merged.map((f) => f.field.key)).to.deep.equal([
      'applicant-name',
      'contact-phone',
      'insured-kind',
      'household-size',
      'reason',
    ]);
    const contact = merged.find((f) => f.field.key === 'contact-phone')!;
    expect(contact.itemIds).to.deep.equal(['item-a', 'item-b']);
    expect(contact.required).to.equal(true);
  });

  it('says what is wrong with each answer in the clerk’s language, and keeps valid answers canonical', () => {
    const merged = mergeItemForms([withForm, other]);
    const zh = checkForm(merged, {
      'applicant-name': '  张三 ',
      'contact-phone': '138 1234 567',
      'insured-kind': '外星居民',
      'household-size': 0,
      reason: '',
    });
    expect(zh.values).to.deep.equal({ 'applicant-name': '张三' });
    expect(Object.keys(zh.problems)).to.deep.equal(['contact-phone', 'insured-kind', 'household-size']);
    expect(zh.problems['insured-kind']).to.equal('应为以下之一：城镇居民、农村居民');
    expect(zh.problems['household-size']).to.equal('不能小于 1人');
    expect(zh.problems['contact-phone']).to.match(/[\u4e00-\u9fff]/);
    expect(zh.problems['contact-phone']).not.to.match(/[a-z]{3}/i);

    const en = checkForm(merged, { 'contact-phone': '13812345678', 'household-size': '三' });
    expect(en.values['contact-phone']).to.equal('13812345678');
    expect(checkForm(merged, { 'household-size': '三' }, 'en-US').problems['household-size']).to.equal(
      'a number is required',
    );
    expect(checkForm(merged, {}, 'en-US').problems['applicant-name']).to.equal('required');
  });

  it('refuses an answer for a field no item asks', () => {
    const { problems } = checkForm(mergeItemForms([withForm]), { 'favourite-colour': 'blue' });
    expect(problems['favourite-colour']).to.equal('不是所办事项申请表上的内容');
  });

  it('pre-fills from the applicant and the cited e-licence, never over what the clerk typed', () => {
    const licenceNo = field('licence-no', '身份证号码', 'text', { prefill: 'licence.resident-id-card.number' });
    const merged = mergeItemForms([{ id: 'x', form: [name, phone, licenceNo] }]);
    const applicant = {
      kind: 'person',
      name: '张三',
      idType: 'resident-id',
      idNumber: '11010519491231002X',
      phone: '13812345678',
    } as const;
    const materials: CaseMaterial[] = [
      {
        materialId: 'id-card',
        itemIds: ['x'],
        receipt: 'e-licence',
        copies: 0,
        licence: { type: 'resident-id-card', number: '11010519491231002X', issuer: '公安局', sha256: 'a'.repeat(64) },
      },
    ];
    const filled = prefillForm(merged, { 'contact-phone': '022-23456789' }, { applicant, materials }, [
      'contact-phone',
    ]);
    expect(filled).to.deep.equal({
      'applicant-name': '张三',
      'contact-phone': '022-23456789',
      'licence-no': '11010519491231002X',
    });
  });

  it('describes fields with the catalog schema: a choice needs options, keys are unique', () => {
    expect(v.safeParse(FormFieldSchema, kind).success).to.equal(true);
    const noOptions = v.safeParse(FormFieldSchema, { ...kind, options: undefined }, { lang: 'zh-CN' });
    expect(noOptions.success).to.equal(false);
    expect(noOptions.issues?.[0].message).to.contain('选择题必须有选项');
    const badPrefill = v.safeParse(FormFieldSchema, { ...phone, prefill: 'applicant.salary' });
    expect(badPrefill.success).to.equal(false);
    const item = v.safeParse(ServiceItemSchema.entries.form, [phone, phone], { lang: 'zh-CN' });
    expect(item.success).to.equal(false);
    expect(item.issues?.[0].message).to.contain('不能重复');
  });

  it('accepts a case only with its form filled in; notices and refusals need no form', () => {
    const base = draft({ 'id-card': 'paper', photo: 'paper', 'address-proof': 'paper' });
    const input = { ...by, to: 'accepted' as const, items: [withForm] };
    let error: unknown;
    try {
      transition(base, input);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(IllegalTransitionError);
    const refused = error as IllegalTransitionError;
    expect(refused.code).to.equal('form-incomplete');
    expect(refused.localized('zh-CN')).to.equal(
      '申请表还没有填好：申请人姓名：必须填写；联系电话：必须填写；参保类别：必须填写。',
    );
    expect(refused.localized('en-US')).to.contain('联系电话: required');

    const accepted = transition(base, {
      ...input,
      form: { 'applicant-name': '张三', 'contact-phone': '+86 138-1234-5678', 'insured-kind': '城镇居民' },
    });
    expect(accepted.status).to.equal('accepted');
    expect(accepted.form?.['contact-phone']).to.equal('13812345678');
    expect(v.safeParse(CaseSchema, accepted).success).to.equal(true);

    const refusedCase = transition(base, {
      ...by,
      to: 'refused',
      reason: '不属于本事项受理范围',
      ground: 'not-competent',
      items: [withForm],
    });
    expect(refusedCase.status).to.equal('refused');
  });

  it('bounds what a case keeps of a form', () => {
    const huge = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 'x']));
    expect(v.safeParse(CaseSchema.entries.form, huge).success).to.equal(false);
    expect(v.safeParse(CaseSchema.entries.form, { a: 'x'.repeat(2001) }).success).to.equal(false);
    expect(v.safeParse(CaseSchema.entries.form, { a: { nested: true } }).success).to.equal(false);
  });
});
