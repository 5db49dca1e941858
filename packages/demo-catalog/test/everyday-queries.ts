/**
 * Everyday queries: what a clerk at a comprehensive window (综合窗口) types into the search box while an applicant
 * is talking.
 *
 * Applicants do not know the catalog's names. They say 营业执照, 开公司, 社保卡, 医保, 公积金, 低保, 房产证, 上户口,
 * 生孩子, 退休, 老人去世, and the clerk types that straight in: as Chinese, as full pinyin without spaces or tones
 * ('yibao', 'shebaoka'), as initials ('yyzz', 'sbk', 'gjjtq') or as a mix of both ('社保zy', '公积金tq'). These
 * queries are written from what applicants say at a window, not from the catalog's words; only a few are the
 * catalog's own words (出生医学证明), because people do type those too.
 *
 * `accept` lists every item or bundle a clerk would accept for the query: where several are right (公积金提取 could
 * be any of the withdrawal items; 生孩子 could be the newborn bundle, the birth certificate or the newborn's
 * household registration), all of them are listed, and any one of them in the first five hits passes.
 *
 * This set is written independently of the catalog's aliases, life events and synonyms, so that it measures search
 * honestly.
 */
export interface EverydayQuery {
  /** What the clerk types. */
  query: string;
  /** How it is typed. */
  how: 'chinese' | 'pinyin' | 'initials' | 'mixed';
  /** Ids of the items or bundles a clerk would accept for it (any one of them in the first five hits passes). */
  accept: readonly string[];
  /** What the applicant said, when the query is not it verbatim. */
  said?: string;
}

const BUSINESS_LICENCE = [
  'me-company-establishment',
  'me-individual-business',
  'me-company-change',
  'enterprise-establishment',
  'food-device-market-access',
] as const;

const OPEN_COMPANY = ['me-company-establishment', 'enterprise-establishment'] as const;

const BUSINESS_REGISTRATION = [
  'me-company-establishment',
  'me-individual-business',
  'me-company-change',
  'enterprise-establishment',
] as const;

const SOCIAL_INSURANCE = [
  'si-employer-registration',
  'si-employee-enrolment',
  'si-employer-deregistration',
  'si-pension-transfer',
  'si-resident-pension-enrolment',
  'si-card-application',
  'si-card-replacement',
  'si-record-print',
  'si-work-injury',
  'si-survivor-benefit',
  'si-resident-pension-cancel',
] as const;

const SOCIAL_SECURITY_CARD = ['si-card-application', 'si-card-replacement'] as const;

const MEDICAL_INSURANCE = [
  'mi-resident-enrolment',
  'mi-relocation-filing',
  'mi-referral-filing',
  'mi-manual-reimbursement',
  'mi-chronic-disease',
  'mi-maternity-benefit',
  'mi-transfer',
  'tx-resident-mi-contribution',
  'rt-medical-retirement',
  'cross-region-medical',
] as const;

/** 医疗保险 or 养老保险: 'ylbx' is both. */
const MEDICAL_OR_PENSION_INSURANCE = [
  'mi-resident-enrolment',
  'mi-transfer',
  'tx-resident-mi-contribution',
  'rt-medical-retirement',
  'si-resident-pension-enrolment',
  'si-pension-transfer',
  'si-resident-pension-cancel',
  'rt-pension-claim',
  'rt-resident-pension-claim',
] as const;

const HOUSING_FUND = [
  'hf-employer-registration',
  'hf-account-opening',
  'hf-withdrawal-retirement',
  'hf-withdrawal-purchase',
  'hf-withdrawal-death',
  'hf-employer-deregistration',
  'hf-transfer',
] as const;

const HOUSING_FUND_WITHDRAWAL = ['hf-withdrawal-retirement', 'hf-withdrawal-purchase', 'hf-withdrawal-death'] as const;

const PROPERTY_CERTIFICATE = ['re-transfer', 're-inheritance', 're-certificate-reissue', 'second-hand-house'] as const;

const HOUSE_TRANSFER = ['re-transfer', 'second-hand-house', 'tx-second-hand-house', 're-inheritance'] as const;

const UTILITY_TRANSFER = ['ut-water-transfer', 'ut-power-transfer', 'ut-gas-transfer', 'second-hand-house'] as const;

const HUKOU = [
  'hr-birth-registration',
  'hr-migration',
  'hr-death-cancellation',
  'hr-graduate-settlement',
  'hr-veteran-hukou',
  'graduate-settlement',
] as const;

const SETTLE_HUKOU = [
  'hr-birth-registration',
  'hr-migration',
  'hr-graduate-settlement',
  'hr-veteran-hukou',
  'newborn',
  'graduate-settlement',
] as const;

const ID_CARD = ['hr-id-card-first', 'hr-id-card-renewal'] as const;

const MARRIAGE = ['ca-marriage-registration', 'marriage-childbirth'] as const;

const CHILDBIRTH = [
  'newborn',
  'marriage-childbirth',
  'hl-birth-certificate',
  'hr-birth-registration',
  'hl-birth-registration',
  'hl-vaccination-certificate',
  'mi-maternity-benefit',
] as const;

const BIRTH_CERTIFICATE = ['hl-birth-certificate', 'hl-birth-certificate-reissue', 'newborn'] as const;

const RETIREMENT = [
  'retirement',
  'rt-retirement-approval',
  'rt-early-retirement',
  'rt-pension-claim',
  'rt-medical-retirement',
  'rt-resident-pension-claim',
  'hf-withdrawal-retirement',
] as const;

const DEATH = [
  'posthumous',
  'hr-death-cancellation',
  'si-survivor-benefit',
  'ca-funeral-subsidy',
  'hf-withdrawal-death',
  're-inheritance',
  'si-resident-pension-cancel',
] as const;

const DISABILITY_CERTIFICATE = ['dp-certificate-new', 'dp-certificate-transfer', 'disability-assistance'] as const;

const VETERAN = [
  'veteran-discharge',
  'va-resettlement',
  'va-preferential-card',
  'va-lump-sum',
  'va-family-allowance',
  'va-disability-pension-transfer',
  'hr-veteran-hukou',
] as const;

const UNEMPLOYMENT_BENEFIT = ['emp-unemployment-benefit', 'employment'] as const;

const COMPANY_DEREGISTRATION = [
  'me-company-deregistration',
  'me-simple-deregistration',
  'enterprise-deregistration',
  'tx-clearance',
] as const;

const FOOD_LICENCE = ['me-food-licence', 'food-device-market-access'] as const;

const PUBLIC_RENTAL = ['hs-public-rental', 'public-rental-housing'] as const;

const CROSS_REGION_MEDICAL = [
  'mi-relocation-filing',
  'mi-referral-filing',
  'mi-manual-reimbursement',
  'cross-region-medical',
] as const;

export const EVERYDAY_QUERIES: readonly EverydayQuery[] = [
  // Chinese
  { query: '营业执照', how: 'chinese', accept: BUSINESS_LICENCE },
  { query: '开公司', how: 'chinese', accept: OPEN_COMPANY, said: '我想开个公司，要办什么' },
  { query: '社保', how: 'chinese', accept: SOCIAL_INSURANCE },
  { query: '社保卡', how: 'chinese', accept: SOCIAL_SECURITY_CARD },
  { query: '社保卡丢了', how: 'chinese', accept: ['si-card-replacement'] },
  { query: '医保', how: 'chinese', accept: MEDICAL_INSURANCE },
  { query: '公积金', how: 'chinese', accept: HOUSING_FUND },
  { query: '取公积金', how: 'chinese', accept: HOUSING_FUND_WITHDRAWAL, said: '我想把公积金取出来' },
  { query: '低保', how: 'chinese', accept: ['ca-subsistence-allowance'], said: '家里困难，能不能吃低保' },
  { query: '房产证', how: 'chinese', accept: PROPERTY_CERTIFICATE },
  { query: '上户口', how: 'chinese', accept: SETTLE_HUKOU },
  { query: '生孩子', how: 'chinese', accept: CHILDBIRTH, said: '媳妇刚生了孩子，要办啥' },
  { query: '退休', how: 'chinese', accept: RETIREMENT, said: '我下个月到点退休了' },
  { query: '老人去世', how: 'chinese', accept: DEATH, said: '家里老人走了，要办哪些手续' },
  { query: '换身份证', how: 'chinese', accept: ['hr-id-card-renewal'], said: '身份证过期了' },
  { query: '领结婚证', how: 'chinese', accept: MARRIAGE, said: '我们俩要领证' },
  { query: '离婚', how: 'chinese', accept: ['ca-divorce-registration'] },
  { query: '结婚证丢了', how: 'chinese', accept: ['ca-marriage-reissue'], said: '结婚证找不着了' },
  { query: '房子过户', how: 'chinese', accept: HOUSE_TRANSFER },
  {
    query: '买二手房',
    how: 'chinese',
    accept: ['second-hand-house', 're-transfer', 'tx-second-hand-house', 'hf-withdrawal-purchase'],
    said: '买了套二手房，要办哪些',
  },
  { query: '食品许可', how: 'chinese', accept: FOOD_LICENCE, said: '开个饭店要办什么证' },
  { query: '失业金', how: 'chinese', accept: UNEMPLOYMENT_BENEFIT, said: '失业了能领钱吗' },
  { query: '出生医学证明', how: 'chinese', accept: BIRTH_CERTIFICATE },
  { query: '疫苗本', how: 'chinese', accept: ['hl-vaccination-certificate', 'newborn'], said: '孩子打疫苗的小本本' },
  { query: '残疾证', how: 'chinese', accept: DISABILITY_CERTIFICATE },
  {
    query: '退伍',
    how: 'chinese',
    accept: ['veteran-discharge', 'va-resettlement', 'va-lump-sum', 'va-preferential-card', 'hr-veteran-hukou'],
    said: '孩子从部队退伍回来了',
  },
  { query: '水电过户', how: 'chinese', accept: UTILITY_TRANSFER, said: '买的房子水电燃气要改成我的名字' },
  { query: '公租房', how: 'chinese', accept: PUBLIC_RENTAL },
  { query: '租房补贴', how: 'chinese', accept: ['hs-rental-subsidy', 'public-rental-housing'] },
  { query: '退税', how: 'chinese', accept: ['tx-iit-annual'], said: '个税多交的钱怎么退' },
  { query: '刻章', how: 'chinese', accept: ['me-seal-filing', 'enterprise-establishment'], said: '公司要刻公章' },
  { query: '注销公司', how: 'chinese', accept: COMPANY_DEREGISTRATION, said: '公司不干了，要关掉' },
  { query: '上小学', how: 'chinese', accept: ['ed-primary-enrolment', 'school-enrolment'], said: '孩子明年上一年级' },
  { query: '上幼儿园', how: 'chinese', accept: ['ed-kindergarten-enrolment'] },
  { query: '施工许可证', how: 'chinese', accept: ['cn-construction-permit', 'investment-construction'] },
  { query: '外地看病报销', how: 'chinese', accept: CROSS_REGION_MEDICAL, said: '在外地住院了，回来怎么报' },
  { query: '工伤', how: 'chinese', accept: ['si-work-injury'], said: '在单位干活受伤了' },
  { query: '开出租车', how: 'chinese', accept: ['tr-taxi-driver'], said: '想去开出租' },
  {
    query: '招员工',
    how: 'chinese',
    accept: ['recruitment', 'emp-registration', 'si-employee-enrolment', 'hf-account-opening'],
    said: '公司新招了几个人，要办什么',
  },
  { query: '慢性病', how: 'chinese', accept: ['mi-chronic-disease'], said: '高血压糖尿病门诊能报吗' },

  // Full pinyin
  { query: 'kaigongsi', how: 'pinyin', accept: OPEN_COMPANY, said: '开公司' },
  { query: 'yibao', how: 'pinyin', accept: MEDICAL_INSURANCE, said: '医保' },
  { query: 'shebao', how: 'pinyin', accept: SOCIAL_INSURANCE, said: '社保' },
  { query: 'shebaoka', how: 'pinyin', accept: SOCIAL_SECURITY_CARD, said: '社保卡' },
  { query: 'gongjijin', how: 'pinyin', accept: HOUSING_FUND, said: '公积金' },
  { query: 'yingyezhizhao', how: 'pinyin', accept: BUSINESS_LICENCE, said: '营业执照' },
  { query: 'dibao', how: 'pinyin', accept: ['ca-subsistence-allowance'], said: '低保' },
  { query: 'hukou', how: 'pinyin', accept: HUKOU, said: '户口' },
  { query: 'shenfenzheng', how: 'pinyin', accept: ID_CARD, said: '身份证' },
  { query: 'jiehun', how: 'pinyin', accept: MARRIAGE, said: '结婚' },
  { query: 'tuixiu', how: 'pinyin', accept: RETIREMENT, said: '退休' },
  {
    query: 'yanglaojin',
    how: 'pinyin',
    accept: ['rt-pension-claim', 'rt-resident-pension-claim', 'retirement'],
    said: '到岁数了，领养老金',
  },
  { query: 'chushengzhengming', how: 'pinyin', accept: BIRTH_CERTIFICATE, said: '出生证明' },
  { query: 'canjizheng', how: 'pinyin', accept: DISABILITY_CERTIFICATE, said: '残疾证' },
  {
    query: 'guohu',
    how: 'pinyin',
    accept: [...HOUSE_TRANSFER, 'ut-water-transfer', 'ut-power-transfer', 'ut-gas-transfer'],
    said: '过户',
  },
  { query: 'fangchanzheng', how: 'pinyin', accept: PROPERTY_CERTIFICATE, said: '房产证' },
  {
    query: 'zhunshengzheng',
    how: 'pinyin',
    accept: ['hl-birth-registration', 'marriage-childbirth'],
    said: '要办准生证',
  },
  { query: 'juzhuzheng', how: 'pinyin', accept: ['hr-residence-permit'], said: '居住证' },
  { query: 'getihu', how: 'pinyin', accept: ['me-individual-business'], said: '开个小店，办个体户' },
  { query: 'geshui', how: 'pinyin', accept: ['tx-iit-annual'], said: '个税' },
  {
    query: 'juminyibao',
    how: 'pinyin',
    accept: ['mi-resident-enrolment', 'tx-resident-mi-contribution'],
    said: '给家里老人交居民医保',
  },
  { query: 'meiqiguohu', how: 'pinyin', accept: ['ut-gas-transfer', 'second-hand-house'], said: '煤气过户' },
  {
    query: 'sangzangfei',
    how: 'pinyin',
    accept: ['si-survivor-benefit', 'ca-funeral-subsidy', 'posthumous'],
    said: '老人去世了，丧葬费怎么领',
  },
  { query: 'jieya', how: 'pinyin', accept: ['re-mortgage-cancel'], said: '房贷还完了，要解押' },
  { query: 'huoyun', how: 'pinyin', accept: ['tr-freight-licence'], said: '买了货车想跑货运' },

  // Initials
  { query: 'yyzz', how: 'initials', accept: BUSINESS_LICENCE, said: '营业执照' },
  { query: 'gsdj', how: 'initials', accept: BUSINESS_REGISTRATION, said: '工商登记' },
  { query: 'sbk', how: 'initials', accept: SOCIAL_SECURITY_CARD, said: '社保卡' },
  { query: 'ylbx', how: 'initials', accept: MEDICAL_OR_PENSION_INSURANCE, said: '医疗保险 / 养老保险' },
  { query: 'gjj', how: 'initials', accept: HOUSING_FUND, said: '公积金' },
  { query: 'gjjtq', how: 'initials', accept: HOUSING_FUND_WITHDRAWAL, said: '公积金提取' },
  { query: 'sfz', how: 'initials', accept: ID_CARD, said: '身份证' },
  { query: 'hkqy', how: 'initials', accept: ['hr-migration'], said: '户口迁移' },
  { query: 'cszm', how: 'initials', accept: BIRTH_CERTIFICATE, said: '出生证明' },
  { query: 'jhz', how: 'initials', accept: [...MARRIAGE, 'ca-marriage-reissue'], said: '结婚证' },
  { query: 'cjrz', how: 'initials', accept: DISABILITY_CERTIFICATE, said: '残疾人证' },
  { query: 'bdcz', how: 'initials', accept: PROPERTY_CERTIFICATE, said: '不动产证' },
  { query: 'spxk', how: 'initials', accept: FOOD_LICENCE, said: '开个饭店要办什么证（食品许可）' },
  {
    query: 'sgxkz',
    how: 'initials',
    accept: ['cn-construction-permit', 'investment-construction'],
    said: '施工许可证',
  },
  {
    query: 'ydbz',
    how: 'initials',
    accept: ['ut-power-connection', 'power-supply'],
    said: '新开的店要接电（用电报装）',
  },
  { query: 'syj', how: 'initials', accept: UNEMPLOYMENT_BENEFIT, said: '失业金' },
  {
    query: 'esf',
    how: 'initials',
    accept: ['second-hand-house', 're-transfer', 'tx-second-hand-house'],
    said: '二手房',
  },
  { query: 'tyjr', how: 'initials', accept: VETERAN, said: '退役军人' },
  { query: 'gzf', how: 'initials', accept: PUBLIC_RENTAL, said: '公租房' },
  { query: 'jszg', how: 'initials', accept: ['ed-teacher-qualification'], said: '教师资格' },

  // Mixed
  { query: '社保zy', how: 'mixed', accept: ['si-pension-transfer', 'mi-transfer'], said: '换城市工作了，社保要转过去' },
  { query: '公积金tq', how: 'mixed', accept: HOUSING_FUND_WITHDRAWAL, said: '公积金提取' },
  { query: 'hukou迁移', how: 'mixed', accept: ['hr-migration'], said: '户口迁移' },
  {
    query: '医保bx',
    how: 'mixed',
    accept: ['mi-manual-reimbursement', 'cross-region-medical', 'mi-maternity-benefit'],
    said: '看病的钱怎么报销',
  },
  { query: '社保zm', how: 'mixed', accept: ['si-record-print'], said: '单位要我开社保缴费证明' },
  { query: '身份证bl', how: 'mixed', accept: ['hr-id-card-renewal'], said: '身份证丢了，要补' },
  { query: '公积金zy', how: 'mixed', accept: ['hf-transfer'], said: '公积金要从外地转过来' },
  {
    query: '残疾bt',
    how: 'mixed',
    accept: ['dp-two-subsidies', 'dp-assistive-devices', 'dp-child-rehab', 'disability-assistance'],
    said: '残疾人有什么补贴',
  },
  { query: 'yibao异地', how: 'mixed', accept: CROSS_REGION_MEDICAL, said: '老人跟孩子去外地住了，医保怎么用' },
  { query: '房产证bb', how: 'mixed', accept: ['re-certificate-reissue'], said: '房本丢了，要补办' },
  { query: '营业执照bg', how: 'mixed', accept: ['me-company-change'], said: '公司换地址了，执照要改' },
  { query: '公司zx', how: 'mixed', accept: COMPANY_DEREGISTRATION, said: '公司注销' },
  { query: '消防ys', how: 'mixed', accept: ['cn-fire-acceptance', 'investment-construction'], said: '消防验收' },
  { query: '新生儿luhu', how: 'mixed', accept: ['hr-birth-registration', 'newborn'], said: '孩子生了，要落户' },
  { query: '灵活jy', how: 'mixed', accept: ['emp-flexible-subsidy'], said: '自己打零工（灵活就业），社保有补贴吗' },
];
