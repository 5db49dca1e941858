import type { FormField, ServiceItem } from '@yichuang/core';

/**
 * Application-form (申请表) fields of the demo catalog. Every item's form opens with the applicant block for
 * whom it serves (a person, an organisation, or either); items add their own fields after it. Fields that
 * mean the same thing across items share a key, so a bundle (一件事) asks them once.
 */

/** A required field. */
const must = (field: Omit<FormField, 'required'>): FormField => ({ ...field, required: true });
/** An optional field. */
const may = (field: Omit<FormField, 'required'>): FormField => ({ ...field, required: false });

const contactPhone = must({ key: 'contact-phone', label: '联系电话', kind: 'phone', prefill: 'applicant.phone' });

const PERSON_BLOCK: FormField[] = [
  must({ key: 'applicant-name', label: '申请人姓名', kind: 'text', max: 50, prefill: 'applicant.name' }),
  must({ key: 'applicant-id-number', label: '证件号码', kind: 'text', max: 30, prefill: 'applicant.idNumber' }),
  contactPhone,
  may({ key: 'contact-address', label: '联系地址', kind: 'text', max: 200, prefill: 'applicant.address' }),
];

const ORGANISATION_BLOCK: FormField[] = [
  must({ key: 'applicant-name', label: '单位名称', kind: 'text', max: 100, prefill: 'applicant.name' }),
  must({ key: 'applicant-id-number', label: '统一社会信用代码', kind: 'credit-code', prefill: 'applicant.idNumber' }),
  must({
    key: 'legal-representative',
    label: '法定代表人',
    kind: 'text',
    max: 50,
    prefill: 'applicant.legalRepresentative',
  }),
  contactPhone,
  may({ key: 'contact-address', label: '单位地址', kind: 'text', max: 200, prefill: 'applicant.address' }),
];

const EITHER_BLOCK: FormField[] = [
  must({ key: 'applicant-name', label: '申请人姓名（名称）', kind: 'text', max: 100, prefill: 'applicant.name' }),
  must({
    key: 'applicant-id-number',
    label: '证件号码（统一社会信用代码）',
    kind: 'text',
    max: 30,
    prefill: 'applicant.idNumber',
  }),
  contactPhone,
  may({ key: 'contact-address', label: '联系地址', kind: 'text', max: 200, prefill: 'applicant.address' }),
];

/** The applicant block of an item serving these objects. */
export function applicantBlock(serviceObject: ServiceItem['serviceObject']): FormField[] {
  const person = serviceObject.includes('person');
  const organisation = serviceObject.includes('organisation');
  return person && organisation ? EITHER_BLOCK : organisation ? ORGANISATION_BLOCK : PERSON_BLOCK;
}

/** Fields items share. */
export const FIELDS = {
  childName: must({ key: 'child-name', label: '新生儿姓名', kind: 'text', max: 20, hint: '与出生医学证明一致' }),
  childSex: must({ key: 'child-sex', label: '新生儿性别', kind: 'choice', options: ['男', '女'] }),
  childBirthDate: must({ key: 'child-birth-date', label: '出生日期', kind: 'date' }),
  birthPlace: may({ key: 'birth-place', label: '出生地点（医疗机构）', kind: 'text', max: 100 }),
  birthCertificateNumber: must({
    key: 'birth-certificate-number',
    label: '出生医学证明编号',
    kind: 'text',
    max: 20,
    prefill: 'licence.birth-medical-certificate.number',
  }),
  relationToHouseholder: must({
    key: 'relation-to-householder',
    label: '新生儿与户主关系',
    kind: 'choice',
    options: ['子', '女', '孙子', '孙女', '外孙子', '外孙女', '其他'],
  }),
  deliveryMode: must({ key: 'delivery-mode', label: '分娩方式', kind: 'choice', options: ['顺产', '剖宫产'] }),
  householdSize: must({ key: 'household-size', label: '家庭人口', kind: 'number', min: 1, max: 20, unit: '人' }),
  householdIncome: must({
    key: 'household-income',
    label: '家庭上年度人均月收入',
    kind: 'number',
    min: 0,
    max: 100000,
    unit: '元',
  }),
  housingNow: must({
    key: 'housing-now',
    label: '现住房情况',
    kind: 'choice',
    options: ['无自有住房', '人均住房建筑面积低于保障标准', '租住他人房屋'],
  }),
  rentedAddress: may({ key: 'rented-address', label: '现租住地址', kind: 'text', max: 200 }),
  familyMembers: may({
    key: 'family-members',
    label: '共同申请家庭成员',
    kind: 'multiline',
    max: 500,
    hint: '每行一人：姓名、与申请人关系',
  }),
  propertyCertificateNumber: must({
    key: 'property-certificate-number',
    label: '不动产权证书号',
    kind: 'text',
    max: 40,
    prefill: 'licence.real-estate-certificate.number',
  }),
  propertyAddress: must({ key: 'property-address', label: '房屋坐落', kind: 'text', max: 200 }),
  transferPrice: must({ key: 'transfer-price', label: '成交价格', kind: 'number', min: 0, max: 1e9, unit: '元' }),
  firstHome: must({ key: 'first-home', label: '是否家庭唯一住房', kind: 'yes-no' }),
} satisfies Record<string, FormField>;
