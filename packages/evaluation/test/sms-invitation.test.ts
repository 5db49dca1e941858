// 短信邀评: the text names the case or ticket and the link, never the person; the number is checked and never logged.
import { expect } from '@open-wc/testing';
import {
  InvitationError,
  SimulatedSmsGateway,
  invitationMessage,
  maskPhone,
  sendRatingInvitation,
  type RatingInvitation,
} from '@yichuang/evaluation';

const invitation: RatingInvitation = {
  phone: '+86 138-1234-5678',
  caseNumber: 'TJHP01-20261016-01-0007',
  link: 'https://pj.example.gov.cn/r/K7M2',
  hallName: '和平区政务服务中心',
};

/** Calls `body` with the console's methods recording what they were given. */
async function consoleDuring(body: () => Promise<void>): Promise<string> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((name) => console[name]);
  const lines: string[] = [];
  for (const name of methods) console[name] = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    methods.forEach((name, i) => (console[name] = saved[i]!));
  }
  return lines.join('\n');
}

describe('SMS rating invitation (短信邀评)', () => {
  it('sends the case number and the link to the mobile number, and nothing about the person', async () => {
    const gateway = new SimulatedSmsGateway(() => Date.parse('2026-10-16T08:00:00Z'));
    const logged = await consoleDuring(async () => {
      const receipt = await sendRatingInvitation(gateway, invitation);
      expect(receipt).to.deep.equal({ id: 'sim-1', to: '138****5678' });
    });
    expect(gateway.sent).to.deep.equal([
      {
        id: 'sim-1',
        at: '2026-10-16T08:00:00.000Z',
        to: '13812345678',
        text:
          '【和平区政务服务中心】您办件编号 TJHP01-20261016-01-0007 的业务已办理完毕，欢迎对本次服务进行评价（自愿）：' +
          'https://pj.example.gov.cn/r/K7M2',
      },
    ]);
    expect(logged).to.not.match(/1381234|5678/);
  });

  it('names a ticket when there is no case, in English on request', () => {
    const { caseNumber: _none, ...visit } = invitation;
    expect(invitationMessage({ ...visit, ticketNumber: 'A012' }, 'en-US').text).to.equal(
      '[和平区政务服务中心] Your business (ticket A012) is done. You are welcome to rate the service (voluntary): ' +
        'https://pj.example.gov.cn/r/K7M2',
    );
  });

  it('refuses a landline, no reference, a plain http link or a text too long, saying why without the number', async () => {
    const gateway = new SimulatedSmsGateway();
    const problem = async (patch: Partial<RatingInvitation>) => {
      try {
        await sendRatingInvitation(gateway, { ...invitation, ...patch });
      } catch (error) {
        expect(error).to.be.instanceOf(InvitationError);
        return [(error as InvitationError).problem, (error as Error).message];
      }
      throw new Error('sent');
    };
    expect(await problem({ phone: '022-23456789' })).to.deep.equal([
      'phone',
      '邀评短信须发往大陆手机号码，请核对号码。',
    ]);
    expect(await problem({ caseNumber: undefined })).to.deep.equal(['reference', '邀评短信须写明办件编号或排队号。']);
    expect((await problem({ link: 'http://pj.example.gov.cn/r/K7M2' }))[0]).to.equal('link');
    expect((await problem({ link: 'not a link' }))[0]).to.equal('link');
    expect((await problem({ hallName: '中心'.repeat(80) }))[0]).to.equal('length');
    expect(gateway.sent).to.deep.equal([]);
  });

  it('passes on a gateway failure, sending nothing', async () => {
    const gateway = new SimulatedSmsGateway();
    gateway.failing = true;
    let failed = false;
    await sendRatingInvitation(gateway, invitation).catch(() => (failed = true));
    expect([failed, gateway.sent.length]).to.deep.equal([true, 0]);
  });

  it('masks a number for whatever staff see', () => {
    expect(maskPhone('13812345678')).to.equal('138****5678');
    expect(maskPhone('12')).to.equal('****');
  });
});
