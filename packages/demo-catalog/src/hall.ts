import { makeCreditCode } from './credit-code.js';
import { HALL_NAME } from './items/agencies.js';

/**
 * The demo hall: windows, queue categories, accounts, devices and the e-licences its simulated issuer holds.
 * The reference hall server and `LocalHallClient` seed the same data, so a demo looks the same on both.
 * Every person, number and password here is fictional and public: never use them outside a demo.
 */

/** A window of the demo hall and the queue categories it calls, in the order it prefers them. */
export interface DemoWindow {
  code: string;
  name: string;
  categories: string[];
}

/** A person who logs in with a password. */
export interface DemoAccount {
  user: string;
  password: string;
  role: 'clerk' | 'manager';
  name: string;
  /** A clerk's usual window. */
  window?: string;
}

/** A device enrolled with a device token. */
export interface DemoDevice {
  id: string;
  role: 'kiosk' | 'display' | 'rating-pad';
  name: string;
  token: string;
  /** The window a rating pad sits at. */
  window?: string;
}

/** An e-licence the simulated issuer holds. */
export interface DemoLicence {
  type: string;
  title: string;
  number: string;
  holderId: string;
  holderName: string;
  issuer: string;
  issuedOn: string;
  validUntil?: string;
}

const licensedCompany = makeCreditCode('91120101', 'MA05L6Q2');
const cooperative = makeCreditCode('93120101', 'MA07B8K3');

/** Everything the demo hall is seeded with. */
export const DEMO_HALL = {
  code: 'TJHP01',
  name: HALL_NAME,
  windows: [
    { code: '01', name: '综合受理1号窗口', categories: ['A', 'V'] },
    { code: '02', name: '综合受理2号窗口', categories: ['A', 'V'] },
    { code: '03', name: '企业开办窗口', categories: ['B', 'A'] },
    { code: '04', name: '不动产登记窗口', categories: ['C'] },
    { code: '05', name: '帮办代办窗口', categories: ['V', 'A'] },
  ] satisfies DemoWindow[],
  categories: [
    { code: 'A', letter: 'A', name: { zh: '综合业务', en: 'General services' } },
    { code: 'B', letter: 'B', name: { zh: '企业服务', en: 'Business services' } },
    { code: 'C', letter: 'C', name: { zh: '不动产登记', en: 'Real estate registration' } },
    {
      code: 'V',
      letter: 'V',
      name: { zh: '帮办代办（老年人、残疾人、代办）', en: 'Assisted and proxy services' },
    },
  ],
  accounts: [
    { user: 'clerk01', password: 'yichuang-demo', role: 'clerk', name: '王晓雨', window: '01' },
    { user: 'clerk02', password: 'yichuang-demo', role: 'clerk', name: '李建国', window: '02' },
    { user: 'clerk03', password: 'yichuang-demo', role: 'clerk', name: '赵敏', window: '03' },
    { user: 'helper01', password: 'yichuang-demo', role: 'clerk', name: '孙丽', window: '05' },
    { user: 'manager01', password: 'yichuang-manager', role: 'manager', name: '陈主任' },
  ] satisfies DemoAccount[],
  devices: [
    { id: 'kiosk-1', role: 'kiosk', name: '一层自助取号机', token: 'demo-kiosk-token-0001' },
    { id: 'display-1', role: 'display', name: '一层大厅显示屏', token: 'demo-display-token-0001' },
    { id: 'pad-01', role: 'rating-pad', name: '1号窗口评价器', token: 'demo-pad-token-01', window: '01' },
    { id: 'pad-02', role: 'rating-pad', name: '2号窗口评价器', token: 'demo-pad-token-02', window: '02' },
  ] satisfies DemoDevice[],
  /** Bookings of the day the demo hall is seeded (China time): the codes its kiosk checks in. No names. */
  bookings: [
    { code: 'K7M2-9QXW', category: 'V', from: '09:00', minutes: 30 },
    { code: 'P4TN-8HWD', category: 'A', from: '10:00', minutes: 30 },
    { code: 'X3RC-6FJB', category: 'B', from: '14:30', minutes: 30 },
  ],
  licences: [
    {
      type: 'resident-id-card',
      title: '居民身份证',
      number: '120101195803120025',
      holderId: '120101195803120025',
      holderName: '张秀兰',
      issuer: '天津市公安局和平分局',
      issuedOn: '2016-04-11',
      validUntil: '2036-04-11',
    },
    {
      type: 'household-register',
      title: '居民户口簿',
      number: 'HK120101-0012873',
      holderId: '120101195803120025',
      holderName: '张秀兰',
      issuer: '天津市公安局和平分局',
      issuedOn: '2009-09-01',
    },
    {
      type: 'resident-id-card',
      title: '居民身份证',
      number: '120101198506201519',
      holderId: '120101198506201519',
      holderName: '刘洋',
      issuer: '天津市公安局和平分局',
      issuedOn: '2019-07-02',
      validUntil: '2039-07-02',
    },
    {
      type: 'marriage-certificate',
      title: '结婚证',
      number: 'J120101-2014-004512',
      holderId: '120101198506201519',
      holderName: '刘洋',
      issuer: '天津市和平区民政局',
      issuedOn: '2014-10-08',
    },
    {
      type: 'resident-id-card',
      title: '居民身份证',
      number: '12010119900101304X',
      holderId: '12010119900101304X',
      holderName: '周静',
      issuer: '天津市公安局和平分局',
      issuedOn: '2021-03-15',
      validUntil: '2041-03-15',
    },
    {
      type: 'birth-medical-certificate',
      title: '出生医学证明',
      number: 'R120356781',
      holderId: '120101201808150053',
      holderName: '刘子轩',
      issuer: '天津市和平区妇产科医院',
      issuedOn: '2018-08-16',
    },
    {
      type: 'business-licence',
      title: '营业执照',
      number: licensedCompany,
      holderId: licensedCompany,
      holderName: '天津和平示范商贸有限公司',
      issuer: '天津市和平区市场监督管理局',
      issuedOn: '2022-05-18',
    },
    {
      type: 'business-licence',
      title: '营业执照',
      number: cooperative,
      holderId: cooperative,
      holderName: '和平区示范农副产品专业合作社',
      issuer: '天津市和平区市场监督管理局',
      issuedOn: '2023-02-09',
    },
  ] satisfies DemoLicence[],
} as const;
