import type { Bundle, Catalog, MaterialRequirement, ServiceItem } from '@yichuang/core';
import { makeCreditCode } from './credit-code.js';
import { form, KEY_MATERIAL_IDS, mat, own, type SharedMaterialId } from './items/materials.js';
import { demoSynonyms } from './synonyms.js';

/**
 * A deterministic synthetic catalog for benchmarks (catalog search over 5,000 items, bundle merging, storage):
 * realistic-looking item names composed from per-domain word lists, every element schema-valid. Same seed,
 * same catalog, in Node and in the browser (no Math.random, no Node APIs).
 */

export interface SyntheticCatalogOptions {
  /** Number of items (default 5,000). */
  size?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Number of bundles (default: one per ~83 items, 60 for 5,000). */
  bundles?: number;
}

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DomainWords {
  readonly id: string;
  readonly department: string;
  readonly subjects: readonly string[];
  readonly actions: readonly string[];
  readonly prefixes: readonly string[];
  readonly kind: 'person' | 'organisation' | 'both';
}

const Q = [
  '（首次）',
  '（补办）',
  '（变更）',
  '（个人）',
  '（单位）',
  '（跨省）',
  '（全程网办）',
  '（告知承诺制）',
  '（延续）',
  '（遗失补领）',
];

const DOMAINS: readonly DomainWords[] = [
  {
    id: 'social-insurance',
    department: '人力资源和社会保障局',
    subjects: [
      '城镇职工基本养老保险关系',
      '城乡居民基本养老保险',
      '失业保险',
      '工伤保险',
      '社会保险费',
      '社会保障卡',
      '企业年金方案',
      '职业年金',
      '个人权益记录',
      '被征地农民养老保障',
      '社会保险关系',
      '养老保险个人账户',
    ],
    actions: [
      '转移接续',
      '参保登记',
      '变更登记',
      '注销登记',
      '查询打印',
      '补缴申报',
      '暂停',
      '恢复',
      '待遇申领',
      '重新申领',
      '信息变更',
      '缴费基数申报',
    ],
    prefixes: ['', '', '', '灵活就业人员', '港澳台居民', '外国人', '机关事业单位'],
    kind: 'both',
  },
  {
    id: 'employment',
    department: '人力资源和社会保障局',
    subjects: [
      '就业创业证',
      '失业登记',
      '就业困难人员',
      '职业技能提升补贴',
      '创业担保贷款',
      '一次性创业补贴',
      '就业见习补贴',
      '公益性岗位补贴',
      '人力资源服务许可',
      '劳务派遣经营许可',
      '职业培训补贴',
      '高校毕业生求职创业补贴',
    ],
    actions: ['申领', '认定', '申请', '审核', '发放', '核发', '变更', '注销', '延续', '备案'],
    prefixes: ['', '', '城镇登记失业人员', '退役军人', '高校毕业生', '农村转移劳动力'],
    kind: 'both',
  },
  {
    id: 'medical-insurance',
    department: '医疗保障局',
    subjects: [
      '城乡居民基本医疗保险',
      '职工基本医疗保险',
      '异地就医',
      '门诊慢特病',
      '生育保险待遇',
      '医疗费用',
      '长期护理保险',
      '医疗救助',
      '医保定点医药机构',
      '医保电子凭证',
      '大病保险',
    ],
    actions: [
      '参保登记',
      '备案',
      '手工报销',
      '待遇认定',
      '关系转移接续',
      '申领',
      '协议签订',
      '变更',
      '取消备案',
      '待遇核定',
    ],
    prefixes: ['', '', '', '异地安置退休人员', '新生儿', '在校学生', '医疗救助对象'],
    kind: 'both',
  },
  {
    id: 'housing',
    department: '住房和建设委员会',
    subjects: [
      '住房公积金',
      '住房公积金个人住房贷款',
      '公共租赁住房',
      '住房租赁补贴',
      '保障性租赁住房',
      '经济适用住房',
      '住房公积金单位账户',
      '商品房预售资金',
      '房屋租赁合同',
    ],
    actions: [
      '缴存登记',
      '提取',
      '贷款申请',
      '提前还款',
      '资格审核',
      '变更登记',
      '退出',
      '异地转移接续',
      '封存',
      '启封',
      '网签备案',
    ],
    prefixes: ['', '', '', '新就业无房职工', '外来务工人员', '离休、退休职工'],
    kind: 'both',
  },
  {
    id: 'civil-affairs',
    department: '民政局',
    subjects: [
      '婚姻',
      '最低生活保障',
      '特困人员救助供养',
      '临时救助',
      '养老机构',
      '社会团体',
      '民办非企业单位',
      '居家养老服务补贴',
      '基本殡葬服务',
      '孤儿基本生活费',
      '收养',
      '地名',
    ],
    actions: ['登记', '申请', '备案', '成立登记', '变更登记', '注销登记', '认定', '审批', '费用减免', '年度检查'],
    prefixes: ['', '', '', '内地居民', '华侨', '困境儿童'],
    kind: 'both',
  },
  {
    id: 'household-registration',
    department: '公安分局',
    subjects: [
      '户口',
      '居民身份证',
      '临时居民身份证',
      '居住证',
      '户籍证明',
      '出生登记',
      '死亡户口',
      '姓名',
      '民族成分',
      '户口簿',
    ],
    actions: ['迁移', '首次申领', '换领', '补领', '签注', '注销', '变更更正', '开具', '登记', '恢复'],
    prefixes: ['', '', '', '随迁子女', '投靠亲属', '高校毕业生', '引进人才'],
    kind: 'person',
  },
  {
    id: 'market-entry',
    department: '市场监督管理局',
    subjects: [
      '有限责任公司',
      '股份有限公司',
      '个体工商户',
      '农民专业合作社',
      '合伙企业',
      '外商投资企业分支机构',
      '食品经营许可',
      '食品生产许可',
      '第二类医疗器械经营',
      '药品零售企业',
      '特种设备使用',
      '计量器具',
      '会计师事务所分所',
      '银行业金融机构分支机构',
    ],
    actions: [
      '设立登记',
      '变更登记',
      '注销登记',
      '简易注销',
      '备案',
      '许可',
      '许可延续',
      '许可变更',
      '迁移登记',
      '歇业备案',
    ],
    prefixes: ['', '', '', '', '本市', '自贸试验区'],
    kind: 'organisation',
  },
  {
    id: 'construction',
    department: '住房和建设委员会',
    subjects: [
      '建筑工程施工许可证',
      '建设工程规划许可证',
      '建设用地规划许可证',
      '特殊建设工程消防验收',
      '建设工程消防验收备案',
      '竣工验收',
      '建筑垃圾处置',
      '城市道路挖掘',
      '市政设施占用',
      '建筑业企业资质',
      '商品房预售许可',
    ],
    actions: ['核发', '变更', '延期', '备案', '核准', '许可', '注销', '补办', '重新核发'],
    prefixes: ['', '', '', '房屋建筑', '市政基础设施', '社会投资小型低风险'],
    kind: 'organisation',
  },
  {
    id: 'transport',
    department: '交通运输委员会',
    subjects: [
      '道路货物运输经营',
      '道路危险货物运输',
      '道路旅客运输经营',
      '道路运输从业人员从业资格证',
      '出租汽车驾驶员从业资格证',
      '超限运输车辆行驶公路',
      '涉路施工',
      '机动车维修经营',
      '网络预约出租汽车运输证',
      '道路运输车辆',
    ],
    actions: ['许可', '备案', '补发', '换发', '注销', '变更', '年度审验', '延续', '核发'],
    prefixes: ['', '', '', '省际', '市际', '新能源'],
    kind: 'both',
  },
  {
    id: 'disability',
    department: '残疾人联合会',
    subjects: [
      '残疾人证',
      '困难残疾人生活补贴',
      '重度残疾人护理补贴',
      '残疾人辅助器具适配',
      '残疾儿童康复救助',
      '残疾人就业保障金',
      '残疾人职业培训',
      '残疾人机动轮椅车燃油补贴',
      '无障碍改造',
    ],
    actions: ['新办', '换领', '迁移', '注销', '申请', '补贴申领', '减免申请', '评估', '补办'],
    prefixes: ['', '', '', '视力', '听力言语', '肢体', '智力精神'],
    kind: 'person',
  },
  {
    id: 'retirement',
    department: '人力资源和社会保障局',
    subjects: [
      '企业职工正常退休',
      '特殊工种提前退休',
      '病退',
      '基本养老金',
      '退休人员医疗保险待遇',
      '退休人员基本信息',
      '养老保险待遇资格',
      '弹性退休',
    ],
    actions: ['申请', '核定', '审批', '申领', '认证', '变更', '重新核定', '暂停发放', '恢复发放'],
    prefixes: ['', '', '', '企业', '机关事业单位', '灵活就业'],
    kind: 'both',
  },
  {
    id: 'health',
    department: '卫生健康委员会',
    subjects: [
      '出生医学证明',
      '生育',
      '预防接种证',
      '医师执业',
      '护士执业',
      '公共场所卫生许可',
      '医疗机构执业',
      '母婴保健技术服务',
      '计划生育家庭特别扶助',
      '放射诊疗许可',
    ],
    actions: ['首次签发', '补发', '换发', '登记', '注册', '变更注册', '许可', '校验', '申请', '注销'],
    prefixes: ['', '', '', '院外出生', '三孩', '中医'],
    kind: 'both',
  },
  {
    id: 'tax',
    department: '税务局',
    subjects: [
      '增值税',
      '个人所得税',
      '契税',
      '房产税',
      '城镇土地使用税',
      '印花税',
      '发票',
      '车辆购置税',
      '城乡居民社会保险费',
      '清税',
    ],
    actions: [
      '申报',
      '减免税备案',
      '汇算清缴',
      '缴纳',
      '领用',
      '票种核定',
      '代开',
      '完税证明开具',
      '退税申请',
      '申报更正',
    ],
    prefixes: ['', '', '', '小规模纳税人', '自然人', '存量房交易'],
    kind: 'both',
  },
  {
    id: 'real-estate',
    department: '规划和自然资源局',
    subjects: [
      '国有建设用地使用权',
      '房屋所有权',
      '抵押权',
      '预告登记',
      '居住权',
      '地役权',
      '不动产权证书',
      '不动产登记资料',
      '查封登记',
    ],
    actions: ['首次登记', '转移登记', '变更登记', '注销登记', '更正登记', '异议登记', '补证', '换证', '查询'],
    prefixes: ['', '', '', '存量房', '继承', '夫妻共有'],
    kind: 'both',
  },
  {
    id: 'veterans',
    department: '退役军人事务局',
    subjects: [
      '退役士兵',
      '退役军人优待证',
      '义务兵家庭优待金',
      '伤残人员抚恤关系',
      '烈士褒扬金',
      '光荣牌',
      '自主就业一次性经济补助金',
      '退役军人创业',
    ],
    actions: ['安置报到', '申领', '发放', '迁移', '认定', '悬挂', '补贴申请', '换发'],
    prefixes: ['', '', '', '自主就业', '伤病残', '烈士遗属'],
    kind: 'person',
  },
  {
    id: 'utilities',
    department: '公用事业服务中心',
    subjects: ['供水', '用电', '燃气', '供热', '有线电视', '宽带', '排水许可', '污水排入排水管网'],
    actions: ['过户', '报装', '销户', '增容', '暂停', '恢复', '许可', '缴费', '改表'],
    prefixes: ['', '', '', '居民', '低压小微企业', '工商业'],
    kind: 'both',
  },
  {
    id: 'education',
    department: '教育局',
    subjects: [
      '小学一年级入学',
      '公办幼儿园入园',
      '家庭经济困难学生资助',
      '教师资格',
      '民办学校办学许可',
      '中考优待资格',
      '学籍',
      '校车使用许可',
      '校外培训机构',
    ],
    actions: ['登记', '申请', '认定', '审核', '变更', '转学', '许可', '注销', '年检'],
    prefixes: ['', '', '', '随迁子女', '烈士子女', '特殊教育'],
    kind: 'both',
  },
];

const DISTRICTS = [
  '120101',
  '120102',
  '120103',
  '120104',
  '120105',
  '120106',
  '120110',
  '120111',
  '120112',
  '120113',
  '120114',
  '120115',
  '120116',
];
const DISTRICT_NAMES = [
  '和平区',
  '河东区',
  '河西区',
  '南开区',
  '河北区',
  '红桥区',
  '东丽区',
  '西青区',
  '津南区',
  '北辰区',
  '武清区',
  '宝坻区',
  '滨海新区',
];
const PERSON_IDS: readonly SharedMaterialId[] = [
  'household-register',
  'marriage-certificate',
  'social-security-card',
  'bank-account',
  'applicant-photo',
  'real-estate-certificate',
  'birth-medical-certificate',
  'disability-certificate',
  'kinship-proof',
  'power-of-attorney',
];
const ORG_IDS: readonly SharedMaterialId[] = [
  'legal-rep-id-card',
  'premises-proof',
  'employer-bank-account',
  'land-use-proof',
  'planning-permit',
  'vehicle-licence',
  'dissolution-resolution',
  'power-of-attorney',
];
const OWN_DOCS = [
  '申请书',
  '情况说明',
  '承诺书',
  '证明材料',
  '现场照片',
  '技术方案',
  '管理制度文本',
  '人员名单',
  '设备清单',
  '平面布局图',
  '合同',
  '审计报告',
];
const TYPES = ['01', '01', '05', '07', '07', '10', '20', '20', '20', '20'];
const BUNDLE_THEMES_PERSONAL = [
  '新生儿出生',
  '入园入学',
  '税费缴纳',
  '高校毕业落户',
  '就业',
  '异地就医备案',
  '婚育',
  '公（廉）租房申请',
  '特殊人群中考和高考优待',
  '扶残助残',
  '军人退役',
  '二手房交易及水电气联动过户',
  '退休',
  '身后',
  '灵活就业',
];
const BUNDLE_THEMES_ENTERPRISE = [
  '企业开办',
  '投资建设',
  '企业准营',
  '食品及医疗器械准入准营',
  '供水',
  '供电',
  '供气',
  '员工招聘',
  '不动产登记',
  '涉路施工',
  '大件运输',
  '“单一窗口”报关',
  '企业注销',
];
const BUNDLE_VARIANTS = ['', '（全程网办）', '（跨省通办）', '（帮办代办）', '（告知承诺）', '（街道便民服务中心）'];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function generateSyntheticCatalog(options: SyntheticCatalogOptions = {}): Catalog {
  const size = options.size ?? 5000;
  const rand = prng(options.seed ?? 1);
  const bundleCount = options.bundles ?? Math.max(1, Math.round(size / 83));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const chance = (p: number): boolean => rand() < p;

  // One agency per domain and district, with valid credit codes.
  const agencyCodes = new Map<string, string>();
  const agencyFor = (domainIndex: number, districtIndex: number): ServiceItem['agency'] => {
    const key = `${domainIndex}:${districtIndex}`;
    let code = agencyCodes.get(key);
    const district = DISTRICTS[districtIndex] ?? '120101';
    if (code === undefined) {
      const body = `4${pad(districtIndex, 2)}${pad(domainIndex, 2)}${pad(Math.floor(rand() * 1000), 3)}`;
      code = makeCreditCode(`11${district}`, body);
      agencyCodes.set(key, code);
    }
    const domain = DOMAINS[domainIndex];
    return {
      name: `天津市${DISTRICT_NAMES[districtIndex] ?? ''}${domain?.department ?? ''}`,
      code,
      nature: 'statutory',
    };
  };

  const names = new Set<string>();
  const composeName = (d: DomainWords): string => {
    for (let attempt = 0; attempt < 24; attempt++) {
      const prefix = chance(0.35) ? pick(d.prefixes) : '';
      const subject = pick(d.subjects);
      const action = pick(d.actions);
      let qualifier = chance(0.3) ? pick(Q) : '';
      // Skip the clumsy ones: 许可许可延续, 变更（变更）.
      if (subject.endsWith(action.slice(0, 2)) || (prefix !== '' && subject.includes(prefix))) continue;
      if (qualifier !== '' && `${subject}${action}`.includes(qualifier.slice(1, -1))) qualifier = '';
      let name = `${prefix}${subject}${action}${qualifier}`;
      if ([...name].length > 30) name = name.slice(0, name.length - qualifier.length);
      if ([...name].length > 30 || [...name].length < 4) continue;
      if (!names.has(name)) return name;
    }
    // Dense corner of the word space: number the case (情形) to keep names distinct.
    let base = `${pick(d.subjects)}${pick(d.actions)}`;
    if ([...base].length > 22) base = [...base].slice(0, 22).join('');
    for (let k = 2; ; k++) {
      const name = `${base}（情形${k}）`;
      if (!names.has(name)) return name;
    }
  };

  // Aliases draw from their own generator, so that the rest of the catalog stays as it was for a seed.
  const aliasRand = prng((options.seed ?? 1) ^ 0x5eed);
  /** An abbreviation the way people make them: two characters of the name's start and two further on. */
  const abbreviate = (name: string): string[] => {
    const chars = [...name].filter((char) => /\p{Script=Han}/u.test(char));
    if (chars.length < 6 || aliasRand() < 0.4) return [];
    const at = 2 + Math.floor(aliasRand() * (chars.length - 3));
    return [[...chars.slice(0, 2), ...chars.slice(at, at + 2)].join('')];
  };

  /** A result's name: the name's first four characters and a kind of document. */
  const resultName = (name: string, kinds: readonly string[]): string =>
    `${[...name].slice(0, 4).join('')}${kinds[Math.floor(aliasRand() * kinds.length)]}`;

  const items: ServiceItem[] = [];
  for (let i = 0; i < size; i++) {
    const domainIndex = Math.floor(rand() * DOMAINS.length);
    const d = DOMAINS[domainIndex] as DomainWords;
    const districtIndex = chance(0.6) ? 0 : Math.floor(rand() * DISTRICTS.length);
    const agency = agencyFor(domainIndex, districtIndex);
    const name = composeName(d);
    names.add(name);
    const id = `syn-${pad(i + 1, 5)}`;
    const type = pick(TYPES);
    const serviceObject: ServiceItem['serviceObject'] =
      d.kind === 'person'
        ? ['person']
        : d.kind === 'organisation'
          ? ['organisation']
          : chance(0.5)
            ? ['person']
            : chance(0.5)
              ? ['organisation']
              : ['person', 'organisation'];
    const forPerson = serviceObject.includes('person');
    const highRisk = type === '01' && chance(0.3);
    const immediate = !highRisk && chance(0.35);
    const legalValue = pick([5, 10, 15, 20, 30, 60]);
    const legalLimit: ServiceItem['legalLimit'] = { value: legalValue, unit: 'working-days' };
    const promisedLimit: ServiceItem['promisedLimit'] = immediate
      ? { value: 0, unit: 'working-days', note: '即办件' }
      : { value: Math.max(1, Math.floor(legalValue * (0.2 + rand() * 0.5))), unit: 'working-days' };
    const crossProvince = chance(0.08);
    const basicCode = `${pad(10 + domainIndex, 4)}${type}${pad(i, 6)}`;

    const materials: MaterialRequirement[] = [
      form(`${id}-form`, `${name}申请表`),
      forPerson ? mat('resident-id-card') : mat('business-licence'),
    ];
    const usedIds = new Set(materials.map((m) => m.id));
    const sharedCount = Math.floor(rand() * 3);
    for (let k = 0; k < sharedCount; k++) {
      const sharedId = pick(forPerson ? PERSON_IDS : ORG_IDS);
      if (usedIds.has(sharedId)) continue;
      usedIds.add(sharedId);
      materials.push(mat(sharedId, chance(0.3) ? { necessity: 'optional' } : {}));
    }
    const ownCount = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < ownCount; k++) {
      const required = chance(0.75);
      materials.push(
        own(`${id}-m${k + 1}`, `${pick(d.subjects)}${pick(OWN_DOCS)}`, {
          necessity: required ? 'required' : 'optional',
          tolerable: required && !highRisk && chance(0.25),
          form: pick([1, 2, 3, 4, 5, 6, 7] as const),
          submission: pick(['01', '02', '03', '04'] as const),
          copies: Math.floor(rand() * 3),
        }),
      );
    }
    // Tolerance never on key documents or on high-risk items.
    for (const m of materials) {
      if (
        m.tolerable &&
        (highRisk || (KEY_MATERIAL_IDS as readonly string[]).includes(m.id) || m.licenceType !== undefined)
      )
        m.tolerable = false;
    }

    const item: ServiceItem = {
      id,
      version: 1 + Math.floor(rand() * 3),
      basicCode,
      implementationCode: `${agency.code}${basicCode}`,
      name,
      aliases: abbreviate(name),
      domain: d.id,
      type,
      agency,
      level: districtIndex === 0 && chance(0.2) ? 'municipal' : 'district',
      serviceObject,
      conditions: [`符合${name}的法定条件`, '申请材料真实、完整、有效'],
      process: ['申请', '受理', '审查', '决定', '送达'],
      specialProcedures: highRisk
        ? [{ kind: 'site-inspection', name: '现场核查', limit: { value: 5, unit: 'working-days' } }]
        : [],
      handlingForm: pick(['window', 'online', 'window-or-online', 'window-or-online'] as const),
      legalLimit,
      promisedLimit,
      caseKind: immediate ? 'immediate' : 'promised',
      acceptOnReceipt: immediate || chance(0.1),
      visits: pick([0, 0, 1, 1, 1, 2] as const),
      fee: chance(0.1)
        ? {
            charged: true,
            items: [{ name: '工本费', standard: `${pick([10, 20, 40, 80])}元/件`, basis: '按国家和本市收费标准' }],
          }
        : { charged: false, items: [] },
      scope: crossProvince ? 'cross-province' : chance(0.5) ? 'city-wide' : 'local',
      crossProvinceModes: crossProvince ? [pick(['online', 'collect-forward', 'joint'] as const)] : [],
      onlineDepth: pick([1, 2, 3, 3, 4, 4] as const),
      appointment: chance(0.7),
      postal: chance(0.4),
      highRisk,
      // What the applicant takes home, named as results are: a licence or a decision for a licensing item, else
      // a confirmation of the subject (drawn from the aliases' generator, so the rest stays as it was).
      result:
        type === '01'
          ? { name: resultName(name, ['许可证', '许可决定书', '批准文书']), type: chance(0.6) ? '10' : '20' }
          : {
              name: resultName(name, ['办理结果通知', '登记凭证', '确认书', '证明']),
              type: pick(['30', '99'] as const),
            },
      basis: [`《中华人民共和国行政许可法》第${pick(['二十九', '三十二', '三十四', '四十二'])}条`],
      contacts: { consultation: `022-2${pad(Math.floor(rand() * 10_000_000), 7)}`, complaint: '12345政务服务便民热线' },
      address: `天津市${DISTRICT_NAMES[districtIndex] ?? ''}政务服务中心`,
      hours: '周一至周五 9:00—12:00，13:30—17:00',
      materials,
    };
    items.push(item);
  }

  // Bundles: items of one kind that share the identity document, 2–6 each.
  const personItems = items.filter((it) => it.materials.some((m) => m.id === 'resident-id-card'));
  const orgItems = items.filter((it) => it.materials.some((m) => m.id === 'business-licence'));
  const bundles: Bundle[] = [];
  const bundleNames = new Set<string>();
  for (let b = 0; b < bundleCount; b++) {
    const personal = b % 2 === 0 ? personItems.length >= 2 : orgItems.length < 2;
    const pool = personal ? personItems : orgItems;
    if (pool.length < 2) break;
    const themes = personal ? BUNDLE_THEMES_PERSONAL : BUNDLE_THEMES_ENTERPRISE;
    let bundleName = '';
    for (let attempt = 0; attempt < 50 && (bundleName === '' || bundleNames.has(bundleName)); attempt++) {
      bundleName = `${pick(themes)}一件事${pick(BUNDLE_VARIANTS)}`;
    }
    for (let k = 2; bundleNames.has(bundleName); k++) bundleName = `${pick(themes)}一件事（${k}）`;
    bundleNames.add(bundleName);
    const count = Math.min(pool.length, 2 + Math.floor(rand() * 5));
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add((pool[Math.floor(rand() * pool.length)] as ServiceItem).id);
    bundles.push({
      id: `syn-bundle-${pad(b + 1, 3)}`,
      version: 1,
      name: bundleName,
      kind: personal ? 'personal' : 'enterprise',
      description: `${bundleName}：一次告知、一表申请、一套材料、一窗受理。`,
      items: [...chosen],
      promisedLimit: { value: 5 + Math.floor(rand() * 10), unit: 'working-days' },
      lifeEvents: [bundleName.slice(0, bundleName.indexOf('一件事'))],
    });
  }

  return {
    version: `synthetic-${size}-seed-${options.seed ?? 1}`,
    region: '120000',
    items,
    bundles,
    synonyms: demoSynonyms,
  };
}
