/** Domains (领域) the demo hall files its items under, in the order the hall's guide lists them. */
export const DEMO_DOMAINS = [
  { id: 'social-insurance', zh: '社会保险', en: 'Social insurance' },
  { id: 'employment', zh: '就业创业', en: 'Employment and entrepreneurship' },
  { id: 'medical-insurance', zh: '医疗保障', en: 'Medical insurance' },
  { id: 'housing', zh: '住房公积金和住房保障', en: 'Housing provident fund and housing security' },
  { id: 'civil-affairs', zh: '民政', en: 'Civil affairs' },
  { id: 'household-registration', zh: '户籍管理', en: 'Household registration' },
  { id: 'market-entry', zh: '市场主体准入准营', en: 'Market entry' },
  { id: 'construction', zh: '工程建设', en: 'Construction' },
  { id: 'transport', zh: '交通运输', en: 'Transport' },
  { id: 'disability', zh: '残疾人服务', en: 'Disability services' },
  { id: 'retirement', zh: '退休', en: 'Retirement' },
  { id: 'health', zh: '卫生健康', en: 'Health' },
  { id: 'tax', zh: '税费', en: 'Tax' },
  { id: 'real-estate', zh: '不动产登记', en: 'Real estate registration' },
  { id: 'veterans', zh: '退役军人服务', en: 'Veterans' },
  { id: 'utilities', zh: '水电气', en: 'Water, power and gas' },
  { id: 'education', zh: '教育', en: 'Education' },
] as const;

export type DemoDomainId = (typeof DEMO_DOMAINS)[number]['id'];
