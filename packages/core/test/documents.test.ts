import { expect } from '@open-wc/testing';
import {
  CASE_STATUSES,
  caseDocument,
  caseDocumentKinds,
  documentDigest,
  maskIdNumber,
  printedDate,
  transition,
  type Case,
  type CaseDocumentContext,
  type TransitionInput,
} from '@yichuang/core';
import { by, draft, insurance, licence } from './support/intake-case.js';

const context: CaseDocumentContext = {
  hallName: '示范区政务服务中心',
  windowName: '综合窗口 3 号',
  clerkName: '李敏',
  issuedAt: '2025-03-03T01:10:00.000Z',
  statusUrl: 'https://hall.example/s/TJHP01-20250303-W03-0001',
  items: [insurance],
};

function decided(kase: Case, input: Partial<TransitionInput> & Pick<TransitionInput, 'to'>): Case {
  return transition(kase, { ...by, items: [insurance], ...input });
}

describe('caseDocumentKinds', () => {
  it('issues the notice and the receipt on acceptance, the commitment letter too with tolerance', () => {
    expect(caseDocumentKinds('accepted')).to.deep.equal(['acceptance-notice', 'material-receipt']);
    expect(caseDocumentKinds('accepted-with-tolerance')).to.deep.equal([
      'acceptance-notice',
      'tolerance-commitment',
      'material-receipt',
    ]);
    expect(caseDocumentKinds('notified-incomplete')).to.deep.equal(['one-time-notice']);
    expect(caseDocumentKinds('refused')).to.deep.equal(['refusal-notice']);
  });

  it('issues nothing for a case not decided at the window', () => {
    const decisions = ['accepted', 'accepted-with-tolerance', 'notified-incomplete', 'refused'];
    for (const status of CASE_STATUSES.filter((s) => !decisions.includes(s))) {
      expect(caseDocumentKinds(status), status).to.deep.equal([]);
    }
  });
});

describe('caseDocument', () => {
  const complete = draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'commitment' });

  it('prints the acceptance notice with the case number, hall, window, clerk, date and promised date', () => {
    const kase = decided(complete, { to: 'accepted', promisedDate: '2025-03-17' });
    const notice = caseDocument('acceptance-notice', kase, context);
    expect(notice.title).to.equal('受理通知书');
    expect(notice.caseNumber).to.equal('TJHP01-20250303-W03-0001');
    expect(notice.hall).to.deep.equal({ code: 'TJHP01', name: '示范区政务服务中心' });
    expect(notice.window).to.deep.equal({ code: 'W03', name: '综合窗口 3 号' });
    expect(notice.clerk).to.deep.equal({ id: 'clerk-7', name: '李敏' });
    expect(notice.issuedOn).to.equal('2025年3月3日');
    expect(notice.items).to.deep.equal(['城乡居民医保参保登记']);
    expect(notice.paragraphs.join('')).to.include('承诺办结日期：2025年3月17日');
    expect(notice.signatures).to.deep.equal(['受理人']);
  });

  it('marks a document issued in training, and its digest differs from the real one', async () => {
    const kase = decided(complete, { to: 'accepted', promisedDate: '2025-03-17' });
    const real = caseDocument('acceptance-notice', kase, context);
    const practice = caseDocument('acceptance-notice', kase, { ...context, training: true });
    expect(real.training).to.equal(undefined);
    expect(practice.training).to.equal(true);
    expect(await documentDigest(practice)).to.not.equal(await documentDigest(real));
  });

  it('falls back to the window code and clerk id when their names are not given', () => {
    const kase = decided(complete, { to: 'accepted' });
    const notice = caseDocument('acceptance-notice', kase, { ...context, windowName: undefined, clerkName: undefined });
    expect(notice.window.name).to.equal('W03');
    expect(notice.clerk.name).to.equal('clerk-7');
    expect(notice.paragraphs.join('')).to.not.include('承诺办结日期');
  });

  it('never prints an identity number whole: the middle is hidden on every document', () => {
    const kase = decided(complete, { to: 'accepted' });
    for (const kind of caseDocumentKinds('accepted')) {
      const document = caseDocument(kind, kase, context);
      expect(JSON.stringify(document)).to.not.include('11010519491231002X');
      expect(document.applicant).to.deep.equal({
        name: '张三',
        idLabel: '居民身份证',
        idMasked: '110105********002X',
      });
    }
  });

  it('lists on the receipt what was received and how, paper with its copies, and nothing not received', () => {
    const kase = decided(
      draft({ 'id-card': 'paper', photo: 'scan', 'income-proof': 'missing', 'address-proof': 'commitment' }),
      { to: 'accepted' },
    );
    const withCopies = {
      ...kase,
      materials: kase.materials.map((m) => (m.receipt === 'paper' ? { ...m, copies: 2 } : m)),
    };
    const receipt = caseDocument('material-receipt', withCopies, context);
    expect(receipt.title).to.equal('材料接收凭证');
    expect(receipt.materials).to.deep.equal([
      { name: '身份证', state: '纸质 2 份' },
      { name: '照片', state: '扫描件' },
    ]);
  });

  it('lists in the commitment letter each tolerated material, the deadline and the consequence', () => {
    const kase = decided(draft({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'commitment' }), {
      to: 'accepted-with-tolerance',
      supplementDue: '2025-03-10',
    });
    const letter = caseDocument('tolerance-commitment', kase, context);
    expect(letter.title).to.equal('容缺受理承诺书');
    expect(letter.materials.map((m) => [m.name, m.state])).to.deep.equal([['照片', '容缺，待补齐']]);
    const text = letter.paragraphs.join('');
    expect(text).to.include('2025年3月10日前补齐');
    expect(text).to.include('逾期未补齐');
    expect(letter.signatures).to.deep.equal(['申请人（签字）', '受理人']);
    const notice = caseDocument('acceptance-notice', kase, context);
    expect(notice.paragraphs.join('')).to.include('请于2025年3月10日前补齐');
  });

  it('names the proxy with their relation and authority, their number masked, and has them sign the commitment', () => {
    const proxy = {
      name: '王五',
      idType: 'resident-id' as const,
      idNumber: '110105198503124013',
      phone: '13900139000',
      relation: '子女',
      authorisation: { kind: 'power-of-attorney' as const, scope: '代为办理医保参保' },
    };
    const kase = decided(
      { ...draft({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'paper' }), proxy },
      { to: 'accepted-with-tolerance', supplementDue: '2025-03-10' },
    );
    const letter = caseDocument('tolerance-commitment', kase, context);
    expect(letter.proxy).to.deep.equal({
      name: '王五',
      idLabel: '居民身份证',
      idMasked: '110105********4013',
      relation: '子女',
      authorisation: '授权委托书',
    });
    expect(letter.signatures).to.deep.equal(['代理人（签字）', '受理人']);
    expect(JSON.stringify(letter)).to.not.include('110105198503124013');
    const alone = decided(draft({ 'id-card': 'paper', photo: 'paper', 'address-proof': 'paper' }), { to: 'accepted' });
    expect(caseDocument('acceptance-notice', alone, context)).to.not.have.property('proxy');
  });

  it('says on the acceptance notice how the result reaches the applicant', () => {
    const received = draft({ 'id-card': 'paper', photo: 'paper', 'address-proof': 'paper' });
    const postal = { ...insurance, postal: true };
    const post = { way: 'post' as const, recipient: '张三', phone: '13912345678', address: '天津市和平区南京路 1 号' };
    const posted = transition(received, { ...by, to: 'accepted', items: [postal], delivery: post });
    const text = caseDocument('acceptance-notice', posted, { ...context, items: [postal] }).paragraphs.join('');
    expect(text).to.include('办理结果将邮寄送达：张三（天津市和平区南京路 1 号）。').and.not.include('13912345678');
    const collected = decided(received, { to: 'accepted', delivery: { way: 'window' } });
    expect(caseDocument('acceptance-notice', collected, context).paragraphs).to.include(
      '办理结果请到本中心任一综合窗口领取。',
    );
  });

  it('lists in the one-time notice every missing and every defective material with what is asked, and the reason', () => {
    const base = draft({ photo: 'paper', 'address-proof': 'commitment' });
    const withNote = {
      ...base,
      materials: base.materials.map((m) => (m.materialId === 'photo' ? { ...m, note: '照片不是近期免冠照' } : m)),
    };
    const kase = decided(withNote, { to: 'notified-incomplete', reason: '身份证原件未带' });
    const notice = caseDocument('one-time-notice', kase, context);
    expect(notice.materials).to.deep.equal([
      { name: '身份证', state: '未提交', requirement: '原件；1 份' },
      { name: '照片', state: '需补正：照片不是近期免冠照', requirement: '1 份' },
    ]);
    expect(notice.paragraphs.join('')).to.include('窗口说明：身份证原件未带');
  });

  it('prints the refusal reason and the applicant’s remedies on the refusal notice', () => {
    const kase = decided(complete, { to: 'refused', reason: '申请事项不属于本中心受理范围', ground: 'not-competent' });
    const notice = caseDocument('refusal-notice', kase, context);
    const text = notice.paragraphs.join('');
    expect(text).to.include(
      '依据：申请事项依法不属于本机关职权范围，请向有关行政机关申请（《中华人民共和国行政许可法》第三十二条第一款第二项）。',
    );
    expect(text).to.include('理由：申请事项不属于本中心受理范围');
    expect(text).to.include('行政复议');
    expect(notice.materials).to.deep.equal([]);
  });

  it('names every item of a bundle, and merges their shared material into one line', () => {
    const kase = transition(
      draft({ 'id-card': 'paper', photo: 'paper', 'address-proof': 'commitment' }, [insurance, licence]),
      {
        ...by,
        items: [insurance, licence],
        to: 'accepted',
      },
    );
    const receipt = caseDocument('material-receipt', kase, { ...context, items: [insurance, licence] });
    expect(receipt.items).to.deep.equal(['城乡居民医保参保登记', '危险化学品经营许可']);
    expect(receipt.materials.filter((m) => m.name === '照片')).to.have.length(1);
  });

  it('shows an organisation’s credit code whole (it is public) with its legal name', () => {
    const kase = decided(
      {
        ...complete,
        applicant: {
          kind: 'organisation',
          name: '天津示范科技有限公司',
          uscc: '91120101MA05KDX94G',
          legalRepresentative: { name: '王五', idType: 'resident-id', idNumber: '11010519491231002X' },
        },
      },
      { to: 'accepted' },
    );
    const notice = caseDocument('acceptance-notice', kase, context);
    expect(notice.applicant).to.deep.equal({
      name: '天津示范科技有限公司',
      idLabel: '统一社会信用代码',
      idMasked: '91120101MA05KDX94G',
    });
    expect(JSON.stringify(notice)).to.not.include('11010519491231002X');
  });
});

describe('printedDate and maskIdNumber', () => {
  it('prints a day, and a timestamp as its day in China time', () => {
    expect(printedDate('2026-01-05')).to.equal('2026年1月5日');
    expect(printedDate('2026-12-31T16:30:00.000Z')).to.equal('2027年1月1日');
  });

  it('keeps 6 and 4 characters of a long number, 2 and 2 of a short one, nothing of a tiny one', () => {
    expect(maskIdNumber('110105194912310021')).to.equal('110105********0021');
    expect(maskIdNumber('H12345678')).to.equal('H1*****78');
    expect(maskIdNumber('A123')).to.equal('****');
  });
});

describe('documentDigest', () => {
  const kase = decided(draft({ 'id-card': 'paper', photo: 'scan', 'address-proof': 'commitment' }), {
    to: 'accepted',
  });
  const notice = caseDocument('acceptance-notice', kase, context);

  it('is the SHA-256 of the content: 64 hex digits, equal for equal content whatever the key order', async () => {
    const digest = await documentDigest(notice);
    expect(digest).to.match(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(notice).reverse()) as typeof notice;
    expect(await documentDigest(reordered)).to.equal(digest);
  });

  it('changes when any word printed changes', async () => {
    const digest = await documentDigest(notice);
    expect(await documentDigest({ ...notice, caseNumber: 'TJHP01-20250303-W03-0002' })).to.not.equal(digest);
    expect(await documentDigest({ ...notice, paragraphs: [...notice.paragraphs.slice(1)] })).to.not.equal(digest);
    expect(await documentDigest({ ...notice, applicant: { ...notice.applicant, name: '张山' } })).to.not.equal(digest);
  });
});
