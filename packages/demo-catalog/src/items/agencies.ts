/**
 * Agencies (实施主体) of the demo hall: 天津市和平区政务服务中心 (fictional address, fictional phone numbers,
 * fictional but check-digit-valid credit codes; see `../credit-code.ts`).
 */

export const HALL_NAME = '和平区政务服务中心';
export const HALL_ADDRESS = '天津市和平区示范路1号和平区政务服务中心';
export const HALL_HOURS = '周一至周五 9:00—12:00，13:30—17:00（法定节假日除外，调休工作日照常办公）';
const SATURDAY = '周一至周五 9:00—12:00，13:30—17:00；周六 9:00—12:00 延时服务（法定节假日除外）';
const COMPLAINT_HOTLINE = '12345政务服务便民热线';

export interface DemoAgency {
  readonly name: string;
  /** Unified social credit code (passes GB 32100 and GB 11714). */
  readonly code: string;
  readonly nature: 'statutory' | 'authorised' | 'entrusted';
  /** Four-digit department part of the basic codes this agency's items use. */
  readonly dept: string;
  readonly consultation: string;
  readonly complaint: string;
  /** Where in the hall (or elsewhere) its items are taken in. */
  readonly place: string;
  readonly hours: string;
}

const agency = (a: DemoAgency): DemoAgency => a;

export const AGENCIES = {
  hrss: agency({
    name: '天津市和平区人力资源和社会保障局',
    code: '1112010140512073XH',
    nature: 'statutory',
    dept: '0011',
    consultation: '022-27301211',
    complaint: `022-27301219；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 人社综合窗口（A区 1—6号窗口）`,
    hours: SATURDAY,
  }),
  socialInsurance: agency({
    name: '天津市社会保险基金管理中心和平分中心',
    code: '121200004057623105',
    nature: 'authorised',
    dept: '0011',
    consultation: '022-27301231',
    complaint: `022-27301239；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 社会保险综合窗口（A区 7—12号窗口）`,
    hours: SATURDAY,
  }),
  medicalSecurity: agency({
    name: '天津市和平区医疗保障局',
    code: '11120101MB1C45279A',
    nature: 'statutory',
    dept: '0012',
    consultation: '022-27301251',
    complaint: `022-27301259；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 医保综合窗口（A区 13—16号窗口）`,
    hours: SATURDAY,
  }),
  medicalFund: agency({
    name: '天津市医疗保障基金管理中心和平分中心',
    code: '12120000MB1D03969F',
    nature: 'authorised',
    dept: '0012',
    consultation: '022-27301261',
    complaint: `022-27301269；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 医保综合窗口（A区 13—16号窗口）`,
    hours: SATURDAY,
  }),
  housingFund: agency({
    name: '天津市住房公积金管理中心',
    code: '1212000040130585XK',
    nature: 'authorised',
    dept: '0013',
    consultation: '022-27301281（和平管理部）',
    complaint: `022-27301289；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 住房公积金窗口（B区 1—4号窗口，和平管理部进驻）`,
    hours: HALL_HOURS,
  }),
  housingConstruction: agency({
    name: '天津市和平区住房和建设委员会',
    code: '11120101405123164T',
    nature: 'statutory',
    dept: '0014',
    consultation: '022-27301301',
    complaint: `022-27301309；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}三层 工程建设项目审批窗口（C区 1—5号窗口）`,
    hours: HALL_HOURS,
  }),
  civilAffairs: agency({
    name: '天津市和平区民政局',
    code: '11120101405108546A',
    nature: 'statutory',
    dept: '0015',
    consultation: '022-27301321',
    complaint: `022-27301329；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 民政综合窗口（B区 5—8号窗口）；低保等救助事项也可在户籍所在地街道便民服务中心提交`,
    hours: HALL_HOURS,
  }),
  marriageRegistry: agency({
    name: '天津市和平区民政局',
    code: '11120101405108546A',
    nature: 'statutory',
    dept: '0015',
    consultation: '022-27301331（和平区婚姻登记处）',
    complaint: `022-27301329；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}三层 和平区婚姻登记处`,
    hours: '周一至周五 9:00—12:00，13:30—17:00；5月20日、七夕等特殊日期按公告延时（法定节假日除外）',
  }),
  publicSecurity: agency({
    name: '天津市公安局和平分局',
    code: '111201014051032944',
    nature: 'statutory',
    dept: '0016',
    consultation: '022-27301341',
    complaint: `022-27301349；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 公安户政综合窗口（B区 9—12号窗口），或户籍所在地派出所户籍窗口`,
    hours: SATURDAY,
  }),
  marketRegulation: agency({
    name: '天津市和平区市场监督管理局',
    code: '11120101MB1A88306Y',
    nature: 'statutory',
    dept: '0017',
    consultation: '022-27301361',
    complaint: `022-27301369；12315；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 企业开办专区（D区 1—8号窗口）`,
    hours: HALL_HOURS,
  }),
  tax: agency({
    name: '国家税务总局天津市和平区税务局',
    code: '11120101MB1B27483G',
    nature: 'statutory',
    dept: '0018',
    consultation: '12366纳税缴费服务热线；022-27301381',
    complaint: `022-27301389；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 税费综合窗口（D区 9—14号窗口）`,
    hours: HALL_HOURS,
  }),
  planningResources: agency({
    name: '天津市规划和自然资源局和平分局',
    code: '11120101MB1A661581',
    nature: 'statutory',
    dept: '0019',
    consultation: '022-27301401（和平区不动产登记中心）',
    complaint: `022-27301409；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 不动产登记专区（B区 13—20号窗口）`,
    hours: SATURDAY,
  }),
  transport: agency({
    name: '天津市交通运输委员会',
    code: '11120000000520612G',
    nature: 'statutory',
    dept: '0020',
    consultation: '022-27301421（市级事项和平区代办窗口）',
    complaint: `022-27301429；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}三层 交通运输窗口（C区 6—7号窗口，市交通运输委员会进驻）`,
    hours: HALL_HOURS,
  }),
  cityManagement: agency({
    name: '天津市和平区城市管理委员会',
    code: '11120101405125004D',
    nature: 'statutory',
    dept: '0021',
    consultation: '022-27301441',
    complaint: `022-27301449；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}三层 工程建设项目审批窗口（C区 8号窗口）`,
    hours: HALL_HOURS,
  }),
  disabledPersons: agency({
    name: '天津市和平区残疾人联合会',
    code: '1312010140510983XJ',
    nature: 'authorised',
    dept: '0022',
    consultation: '022-27301461',
    complaint: `022-27301469；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 残疾人服务窗口（A区 17号窗口，无障碍通道直达）`,
    hours: HALL_HOURS,
  }),
  health: agency({
    name: '天津市和平区卫生健康委员会',
    code: '11120101MB1A7502XR',
    nature: 'statutory',
    dept: '0023',
    consultation: '022-27301481',
    complaint: `022-27301489；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 卫生健康窗口（B区 21—22号窗口）`,
    hours: HALL_HOURS,
  }),
  veterans: agency({
    name: '天津市和平区退役军人事务局',
    code: '11120101MB1C08144Q',
    nature: 'statutory',
    dept: '0024',
    consultation: '022-27301501',
    complaint: `022-27301509；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 退役军人服务窗口（B区 23号窗口）`,
    hours: HALL_HOURS,
  }),
  education: agency({
    name: '天津市和平区教育局',
    code: '111201014051071648',
    nature: 'statutory',
    dept: '0025',
    consultation: '022-27301521',
    complaint: `022-27301529；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}二层 教育服务窗口（B区 24号窗口）`,
    hours: HALL_HOURS,
  }),
  water: agency({
    name: '天津水务集团有限公司和平营业分公司',
    code: '91120101MA05K7Q3X1',
    nature: 'authorised',
    dept: '0031',
    consultation: '022-27301541（供水服务热线）',
    complaint: `022-27301549；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 水电气热联办窗口（D区 15号窗口）`,
    hours: HALL_HOURS,
  }),
  power: agency({
    name: '国网天津市电力公司和平供电服务中心',
    code: '91120101MA06A1R879',
    nature: 'authorised',
    dept: '0032',
    consultation: '95598供电服务热线；022-27301561',
    complaint: `022-27301569；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 水电气热联办窗口（D区 16号窗口）`,
    hours: HALL_HOURS,
  }),
  gas: agency({
    name: '天津市燃气集团有限公司和平营业所',
    code: '91120101MA05X2D93H',
    nature: 'authorised',
    dept: '0033',
    consultation: '022-27301581（燃气服务热线）',
    complaint: `022-27301589；${COMPLAINT_HOTLINE}`,
    place: `${HALL_ADDRESS}一层 水电气热联办窗口（D区 17号窗口）`,
    hours: HALL_HOURS,
  }),
} as const satisfies Record<string, DemoAgency>;

export type AgencyKey = keyof typeof AGENCIES;
