import { expect } from '@open-wc/testing';
import {
  CaseSchema,
  IllegalTransitionError,
  caseDocument,
  documentsToSign,
  recordSignature,
  transition,
  type Case,
} from '@yichuang/core';
import * as v from 'valibot';
import { by, draft, insurance } from './support/intake-case.js';

const IMAGE = 'c0ffee'.repeat(10) + 'c0ff';
const later = { actor: 'clerk-7', window: 'W03', at: '2025-03-03T01:20:00.000Z' };

function tolerated(): Case {
  return transition(draft({ 'id-card': 'paper', photo: 'tolerated', 'address-proof': 'commitment' }), {
    ...by,
    items: [insurance],
    to: 'accepted-with-tolerance',
    supplementDue: '2025-03-10',
  });
}

function caught(work: () => unknown): IllegalTransitionError {
  try {
    work();
  } catch (error) {
    return error as IllegalTransitionError;
  }
  throw new Error('nothing thrown');
}

describe('signatures at the window', () => {
  it('asks the applicant to sign the commitment letter of a tolerated acceptance, and nothing else', () => {
    expect(documentsToSign(tolerated())).to.deep.equal(['tolerance-commitment']);
    const accepted = transition(draft({ 'id-card': 'paper', photo: 'paper', 'address-proof': 'commitment' }), {
      ...by,
      items: [insurance],
      to: 'accepted',
    });
    expect(documentsToSign(accepted)).to.deep.equal([]);
  });

  it('records a signature on the pad with its image, audited, and the letter then shows it', () => {
    const kase = tolerated();
    const signed = recordSignature(kase, {
      ...later,
      document: 'tolerance-commitment',
      signer: 'applicant',
      way: 'pad',
      image: IMAGE,
    });
    expect(signed.signatures).to.deep.equal([
      { document: 'tolerance-commitment', signer: 'applicant', way: 'pad', at: later.at, image: IMAGE },
    ]);
    expect(signed.audit.at(-1)).to.deep.equal({ ...later, action: 'sign-tolerance-commitment' });
    expect(signed.updatedAt).to.equal(later.at);
    expect(signed.status).to.equal('accepted-with-tolerance');
    expect(documentsToSign(signed)).to.deep.equal([]);
    expect(v.safeParse(CaseSchema, signed).success).to.equal(true);
    const letter = caseDocument('tolerance-commitment', signed, {
      hallName: '示范区政务服务中心',
      issuedAt: later.at,
      statusUrl: 'https://hall.example.gov.cn/case/x',
      items: [insurance],
    });
    expect(letter.signed).to.deep.include({ way: 'pad', image: IMAGE });
    expect(kase.signatures).to.equal(undefined);
  });

  it('records a signature on paper without an image, and refuses one with', () => {
    const signed = recordSignature(tolerated(), {
      ...later,
      document: 'tolerance-commitment',
      signer: 'proxy',
      way: 'paper',
    });
    expect(signed.signatures![0]).to.deep.include({ signer: 'proxy', way: 'paper' });
    const error = caught(() =>
      recordSignature(tolerated(), {
        ...later,
        document: 'tolerance-commitment',
        signer: 'applicant',
        way: 'paper',
        image: IMAGE,
      }),
    );
    expect(error.code).to.equal('invalid-signature');
    expect(error.localized('zh-CN')).to.contain('纸质签字则不填');
    const noImage = caught(() =>
      recordSignature(tolerated(), { ...later, document: 'tolerance-commitment', signer: 'applicant', way: 'pad' }),
    );
    expect(noImage.code).to.equal('invalid-signature');
  });

  it('refuses a second signature, a document that needs none, and a forged clerk or time', () => {
    const once = recordSignature(tolerated(), {
      ...later,
      document: 'tolerance-commitment',
      signer: 'applicant',
      way: 'paper',
    });
    const twice = caught(() =>
      recordSignature(once, { ...later, document: 'tolerance-commitment', signer: 'applicant', way: 'paper' }),
    );
    expect(twice.code).to.equal('signature-repeated');
    expect(twice.localized('zh-CN')).to.equal('“容缺受理承诺书”已经签字，不能重复签字。');
    const notAsked = caught(() =>
      recordSignature(tolerated(), { ...later, document: 'acceptance-notice', signer: 'applicant', way: 'paper' }),
    );
    expect(notAsked.code).to.equal('signature-not-asked');
    expect(notAsked.localized('en-US')).to.contain('needs no signature');
    expect(
      caught(() =>
        recordSignature(tolerated(), {
          ...later,
          actor: 'x y',
          document: 'tolerance-commitment',
          signer: 'applicant',
          way: 'paper',
        }),
      ).code,
    ).to.equal('invalid-actor');
    expect(
      caught(() =>
        recordSignature(tolerated(), {
          ...later,
          at: 'yesterday',
          document: 'tolerance-commitment',
          signer: 'applicant',
          way: 'paper',
        }),
      ).code,
    ).to.equal('invalid-time');
  });
});

describe('refusals that quote a schema', () => {
  it('quote it in the clerk’s language, with no English inside a Chinese message', () => {
    const error = caught(() =>
      transition(draft({ 'id-card': 'paper' }), {
        ...by,
        to: 'notified-incomplete',
        reason: '缺照片',
        materials: [{ materialId: 'id-card', itemIds: ['item-a'], receipt: 'paper', copies: -1 }],
      }),
    );
    expect(error.code).to.equal('invalid-materials');
    expect(error.localized('zh-CN')).to.equal('材料记录不正确：copies: 份数不能小于 0');
    expect(error.localized('en-US')).to.equal('The material records are invalid: copies: 0 or more');
  });
});
