import { expect } from '@open-wc/testing';
import * as v from 'valibot';
import {
  AssistVisitSchema,
  RemotePackageSchema,
  assistProblemText,
  divisionChildren,
  handOffProblem,
  helpMinutes,
  packageFiles,
  packageMaterialProblems,
  proxyProblem,
  remoteMoveAllowed,
  remoteOverdue,
  remoteReceiptDocument,
  servedWithPriority,
  type AssistVisit,
  type RemotePackage,
} from '@yichuang/core';

const AT = '2026-03-02T02:00:00.000Z';
const PERSON = {
  kind: 'person' as const,
  name: '王秀兰',
  idType: 'resident-id' as const,
  idNumber: '11010519491231002X',
};
const PROXY = {
  name: '李强',
  idType: 'resident-id' as const,
  idNumber: '120101198506201519',
  phone: '13900001111',
  relation: '儿子',
  authorisation: { kind: 'power-of-attorney' as const, scope: '补领社会保障卡', validUntil: '2026-06-30' },
};
const SHA = 'a'.repeat(64);

function visit(patch: Partial<AssistVisit> = {}): AssistVisit {
  return {
    id: '01KQ7000000000000000000001',
    hall: 'TJHP01',
    window: '05',
    helper: 'helper01',
    served: { person: { ...PERSON, specialGroups: ['elderly'] }, contact: 'phone', accompanied: false },
    help: [],
    cases: [],
    status: 'open',
    createdAt: AT,
    updatedAt: AT,
    ...patch,
  };
}

describe('core: the helper desk’s rules', () => {
  it('asks a disability’s kind of need and a power of attorney’s letter, in the schema the hall uses too', () => {
    expect(v.is(AssistVisitSchema, visit())).to.equal(true);
    const disabled = visit({
      served: { person: { ...PERSON, specialGroups: ['disabled'] }, contact: 'sms', accompanied: true },
    });
    const issues = v.safeParse(AssistVisitSchema, disabled, { lang: 'zh-CN' }).issues ?? [];
    expect(issues.map((i) => i.message).join()).to.contain('残疾人应登记需要何种帮助');
    expect(v.is(AssistVisitSchema, { ...disabled, served: { ...disabled.served, need: 'mobility' } })).to.equal(true);
    const noLetter = v.safeParse(AssistVisitSchema, visit({ proxy: PROXY }), { lang: 'en-US' });
    expect(noLetter.issues?.map((i) => i.message).join()).to.contain('letter');
    expect(v.is(AssistVisitSchema, visit({ proxy: PROXY, letter: { way: 'pad', files: [SHA] } }))).to.equal(true);
    const repeated = v.safeParse(
      AssistVisitSchema,
      visit({ cases: ['01KQ7000000000000000000002', '01KQ7000000000000000000002'] }),
    );
    expect(repeated.success).to.equal(false);
  });

  it('refuses a proxy whose term has passed, a missing letter and a closed visit, in either language', () => {
    expect(proxyProblem({ proxy: PROXY, letter: { way: 'scan', files: [SHA] } }, '2026-06-30')).to.equal(undefined);
    const lapsed = proxyProblem({ proxy: PROXY, letter: { way: 'scan', files: [SHA] } }, '2026-07-01')!;
    expect(assistProblemText(lapsed)).to.contain('2026-06-30 到期（今天是 2026-07-01）');
    expect(assistProblemText(lapsed, 'en-US')).to.contain('ran out on 2026-06-30');
    expect(proxyProblem({ proxy: PROXY }, '2026-03-02')).to.deep.equal({ code: 'letter-missing' });
    expect(proxyProblem({}, '2026-03-02')).to.equal(undefined);
    expect(handOffProblem(visit({ status: 'closed' }), AT)).to.deep.equal({ code: 'visit-closed' });
    expect(assistProblemText({ code: 'visit-closed' }, 'en-US')).to.contain('closed');
  });

  it('sums the help by kind, and gives a priority ticket to special groups and the accompanied', () => {
    const minutes = helpMinutes({
      help: [
        { kind: 'guidance', minutes: 5, at: AT },
        { kind: 'agency', minutes: 30, at: AT },
        { kind: 'guidance', minutes: 10, at: AT },
      ],
    });
    expect(minutes).to.include({ total: 45, guidance: 15, agency: 30, 'home-visit': 0 });
    expect(servedWithPriority({ person: PERSON, accompanied: false })).to.equal(false);
    expect(servedWithPriority({ person: PERSON, accompanied: true })).to.equal(true);
    expect(servedWithPriority({ person: { ...PERSON, specialGroups: ['pregnant'] }, accompanied: false })).to.equal(
      true,
    );
  });
});

function pkg(patch: Partial<RemotePackage> = {}): RemotePackage {
  return {
    id: '01KQ8000000000000000000001',
    number: 'TJHP01-20260302-01-0001',
    hall: 'TJHP01',
    window: '01',
    clerk: 'clerk01',
    target: { hall: 'GDNS01', region: '440305', authority: '深圳市南山区人力资源局' },
    mode: 'collect',
    item: { itemId: 'si-card', version: 1 },
    applicant: PERSON,
    materials: [
      { materialId: 'id-card', files: [SHA] },
      { materialId: 'photo', files: [SHA, 'b'.repeat(64)] },
    ],
    returnWay: 'pickup',
    collectedAt: AT,
    ...patch,
  };
}

describe('core: cross-province service', () => {
  it('checks a package: another hall, a six-digit region, an address for a posted result, each material once', () => {
    expect(v.is(RemotePackageSchema, pkg())).to.equal(true);
    expect(v.is(RemotePackageSchema, pkg({ target: { hall: 'TJHP01', region: '440305', authority: 'x' } }))).to.equal(
      false,
    );
    expect(v.is(RemotePackageSchema, pkg({ target: { hall: 'GDNS01', region: '4403', authority: 'x' } }))).to.equal(
      false,
    );
    const posted = v.safeParse(RemotePackageSchema, pkg({ returnWay: 'post' }), { lang: 'zh-CN' });
    expect(posted.issues?.map((i) => i.message).join()).to.contain('邮寄送达需要填写地址');
    expect(v.is(RemotePackageSchema, pkg({ returnWay: 'post', address: '天津市和平区南京路 1 号' }))).to.equal(true);
    const twice = pkg({
      materials: [
        { materialId: 'id-card', files: [SHA] },
        { materialId: 'id-card', files: [SHA] },
      ],
    });
    expect(v.is(RemotePackageSchema, twice)).to.equal(false);
    expect(packageFiles(pkg())).to.deep.equal([SHA, 'b'.repeat(64)]);
  });

  it('names the materials a package lacks, or that the deciding hall’s item does not ask for', () => {
    const item = {
      materials: [
        { id: 'id-card', name: '居民身份证', necessity: 'required' },
        { id: 'photo', name: '照片', necessity: 'optional' },
        { id: 'form', name: '申请表', necessity: 'required' },
      ],
    };
    expect(packageMaterialProblems(pkg(), item)).to.deep.equal({ unknown: [], missing: ['申请表'] });
    const stray = pkg({ materials: [{ materialId: 'stray', files: [SHA] }] });
    expect(packageMaterialProblems(stray, item).unknown).to.deep.equal(['stray']);
  });

  it('moves forward only, and is overdue when not received in a day or not answered in three', () => {
    expect(remoteMoveAllowed('forwarded', 'received')).to.equal(true);
    expect(remoteMoveAllowed('received', 'decided')).to.equal(false);
    expect(remoteMoveAllowed('refused', 'returned')).to.equal(true);
    expect(remoteMoveAllowed('delivered', 'returned')).to.equal(false);
    const day = (h: number) => new Date(Date.parse(AT) + h * 3_600_000);
    expect(remoteOverdue({ state: 'forwarded', collectedAt: AT, history: [] }, day(23))).to.equal(false);
    expect(remoteOverdue({ state: 'forwarded', collectedAt: AT, history: [] }, day(25))).to.equal(true);
    const received = [{ state: 'received' as const, at: day(2).toISOString(), hall: 'GDNS01' }];
    expect(remoteOverdue({ state: 'received', collectedAt: AT, history: received }, day(73))).to.equal(false);
    expect(remoteOverdue({ state: 'received', collectedAt: AT, history: received }, day(75))).to.equal(true);
    expect(remoteOverdue({ state: 'decided', collectedAt: AT, history: received }, day(500))).to.equal(false);
  });

  it('prints the hand-off receipt with this hall’s number, the region and the masked identity number', () => {
    const document = remoteReceiptDocument(pkg({ proxy: PROXY }), {
      hall: { code: 'TJHP01', name: '和平区政务服务中心' },
      window: { code: '01', name: '综合受理1号窗口' },
      clerk: { id: 'clerk01', name: '王晓雨' },
      deciding: { hallName: '深圳市南山区政务服务中心', regionPath: '广东省深圳市南山区', itemName: '社会保障卡申领' },
      materialNames: new Map([['id-card', '居民身份证']]),
      statusUrl: 'https://hall.example.gov.cn/status/01KQ8000000000000000000001',
      training: true,
    });
    expect(document.kind).to.equal('remote-receipt');
    expect(document.caseNumber).to.equal('TJHP01-20260302-01-0001');
    expect(document.applicant.idMasked).to.equal('110105********002X');
    expect(document.proxy?.name).to.equal('李强');
    expect(document.paragraphs.join()).to.contain('广东省深圳市南山区深圳市南山区人力资源局');
    expect(document.materials).to.deep.equal([
      { name: '居民身份证', state: '扫描件 1 页' },
      { name: 'photo', state: '扫描件 2 页' },
    ]);
    expect(document.training).to.equal(true);
  });

  it('lists the divisions one level down: provinces, a province’s cities, a city’s counties', () => {
    const provinces = divisionChildren();
    expect(provinces.find((d) => d.code === '440000')?.name).to.equal('广东省');
    expect(provinces.every((d) => d.code.endsWith('0000'))).to.equal(true);
    expect(divisionChildren('440000').find((d) => d.code === '440300')?.name).to.equal('深圳市');
    expect(divisionChildren('440300').find((d) => d.code === '440305')?.name).to.equal('南山区');
    expect(divisionChildren('440300').every((d) => d.code.startsWith('4403') && !d.code.endsWith('00'))).to.equal(true);
  });
});
