import type { FormField, MaterialRequirement, ServiceItem } from '@yichuang/core';
import { AGENCIES, type AgencyKey } from './agencies.js';
import { applicantBlock } from './forms.js';

type TimeLimit = ServiceItem['legalLimit'];
type Fee = ServiceItem['fee'];
type SpecialProcedure = ServiceItem['specialProcedures'][number];

/** Working days (工作日). */
export const wd = (value: number, note?: string): TimeLimit =>
  note === undefined ? { value, unit: 'working-days' } : { value, unit: 'working-days', note };
/** Natural days (自然日). */
export const nd = (value: number, note?: string): TimeLimit =>
  note === undefined ? { value, unit: 'natural-days' } : { value, unit: 'natural-days', note };
/** Hours. */
export const hrs = (value: number, note?: string): TimeLimit =>
  note === undefined ? { value, unit: 'hours' } : { value, unit: 'hours', note };
/** 即办: closes at the window. */
export const IMMEDIATE: TimeLimit = {
  value: 0,
  unit: 'working-days',
  note: '即办件，材料齐全、符合法定形式的当场办结',
};

export const FREE: Fee = { charged: false, items: [] };

export const siteInspection = (name: string, days: number): SpecialProcedure => ({
  kind: 'site-inspection',
  name,
  limit: wd(days, '现场核查时间不计入承诺办结时限'),
});

/** What an item file spells out; the rest (codes, contacts, address, hours) follows from the agency. */
export interface ItemSpec {
  id: string;
  version?: number;
  /** Main item (主项) and sub-item (子项) numbers inside the agency's department and the item type. */
  main: number;
  sub?: number;
  name: string;
  /** Other words people use for it at the window (社保卡, 营业执照, 房产证): common names and abbreviations. */
  aliases?: string[];
  domain: string;
  type: string;
  subtype?: string;
  agency: AgencyKey;
  entrustedAgency?: string;
  level?: ServiceItem['level'];
  serviceObject: ServiceItem['serviceObject'];
  conditions: string[];
  process: string[];
  specialProcedures?: SpecialProcedure[];
  handlingForm?: ServiceItem['handlingForm'];
  legalLimit: TimeLimit;
  promisedLimit: TimeLimit;
  acceptOnReceipt?: boolean;
  visits?: ServiceItem['visits'];
  fee?: Fee;
  scope?: ServiceItem['scope'];
  crossProvinceModes?: ServiceItem['crossProvinceModes'];
  onlineDepth?: ServiceItem['onlineDepth'];
  appointment?: boolean;
  postal?: boolean;
  highRisk?: boolean;
  /** What is done with a tolerance commitment not kept (the hall's manager decides when absent). */
  overdueRule?: ServiceItem['overdueRule'];
  result: ServiceItem['result'];
  basis: string[];
  materials: MaterialRequirement[];
  /** The item's own application-form fields, after the applicant block every form opens with. */
  form?: FormField[];
  /** Overrides the agency's place (e.g. a 派出所 window). */
  address?: string;
  hours?: string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Builds a full implementation-list record from a spec. */
export function defineItem(spec: ItemSpec): ServiceItem {
  const agency = AGENCIES[spec.agency];
  const basicCode = `${agency.dept}${spec.type}${pad(spec.main, 3)}${pad(spec.sub ?? 0, 3)}`;
  const implementationCode = `${agency.code}${basicCode}`;
  const immediate = spec.promisedLimit.value === 0;
  const scope =
    spec.scope ?? (spec.crossProvinceModes && spec.crossProvinceModes.length > 0 ? 'cross-province' : 'city-wide');
  const item: ServiceItem = {
    id: spec.id,
    version: spec.version ?? 1,
    basicCode,
    implementationCode,
    businessCode: `${implementationCode}01`,
    name: spec.name,
    domain: spec.domain,
    type: spec.type,
    agency: { name: agency.name, code: agency.code, nature: agency.nature },
    level: spec.level ?? 'district',
    serviceObject: spec.serviceObject,
    conditions: spec.conditions,
    process: spec.process,
    specialProcedures: spec.specialProcedures ?? [],
    handlingForm: spec.handlingForm ?? 'window-or-online',
    legalLimit: spec.legalLimit,
    promisedLimit: spec.promisedLimit,
    caseKind: immediate ? 'immediate' : 'promised',
    acceptOnReceipt: spec.acceptOnReceipt ?? immediate,
    visits: spec.visits ?? 1,
    fee: spec.fee ?? FREE,
    scope,
    crossProvinceModes: spec.crossProvinceModes ?? [],
    onlineDepth: spec.onlineDepth ?? 3,
    appointment: spec.appointment ?? true,
    postal: spec.postal ?? false,
    highRisk: spec.highRisk ?? false,
    result: spec.result,
    basis: spec.basis,
    contacts: { consultation: agency.consultation, complaint: agency.complaint },
    address: spec.address ?? agency.place,
    hours: spec.hours ?? agency.hours,
    materials: spec.materials,
    form: [...applicantBlock(spec.serviceObject), ...(spec.form ?? [])],
  };
  if (spec.aliases !== undefined) item.aliases = spec.aliases;
  if (spec.subtype !== undefined) item.subtype = spec.subtype;
  if (spec.entrustedAgency !== undefined) item.entrustedAgency = spec.entrustedAgency;
  if (spec.overdueRule !== undefined) item.overdueRule = spec.overdueRule;
  return item;
}
