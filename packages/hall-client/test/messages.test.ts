import { expect } from '@open-wc/testing';
import { HALL_MESSAGES, ROLES, fillMessage, formatBytes, hallMessage } from '@yichuang/hall-client';

/** The `{name}` placeholders of a text, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the hall protocol’s messages', () => {
  it('say the same thing in both languages: each message has the same placeholders in zh-CN and en-US', () => {
    for (const [key, text] of Object.entries(HALL_MESSAGES)) {
      expect(placeholders(text.en), key).to.deep.equal(placeholders(text.zh));
      expect(text.zh.trim(), key).to.not.equal('');
      expect(text.en.trim(), key).to.not.equal('');
    }
  });

  it('fill placeholders in the locale asked for, zh-CN unless en-US is asked', () => {
    expect(hallMessage('badPassword', 'zh-CN')).to.equal('用户名或密码不正确');
    expect(hallMessage('badPassword', 'en-US')).to.equal('Wrong user name or password');
    expect(hallMessage('rateLimited', 'zh-CN', { minutes: 15 })).to.equal('登录失败次数过多，请 15 分钟后再试');
    expect(hallMessage('rejectedNumberTaken', 'en-US', { number: 'TJHP-01-0001' })).to.equal(
      'Case number TJHP-01-0001 belongs to another case',
    );
  });

  it('fill a value given in both languages (a role’s name) in the message’s language', () => {
    expect(hallMessage('forbidden', 'zh-CN', { role: ROLES.kiosk })).to.equal('当前身份（自助取号机）无权进行此操作');
    expect(hallMessage('forbidden', 'en-US', { role: ROLES.kiosk })).to.equal(
      'Your role (Ticket kiosk) may not do this',
    );
  });

  it('leave a placeholder without a value visible rather than a sentence with a hole', () => {
    expect(fillMessage(HALL_MESSAGES.unknownWindow, 'en-US')).to.equal('The hall has no window {window}');
    expect(fillMessage({ zh: '{a}{b}', en: '{a} and {b}' }, 'en-US', { a: '$&', b: 0 })).to.equal('$& and 0');
  });

  it('quote a size limit in its largest whole unit', () => {
    expect(formatBytes(20 * 1024 * 1024)).to.equal('20 MiB');
    expect(formatBytes(512 * 1024)).to.equal('512 KiB');
    expect(formatBytes(1536 * 1024)).to.equal('1536 KiB');
    expect(formatBytes(1000)).to.equal('1000 B');
    expect(hallMessage('tooLarge', 'zh-CN', { limit: formatBytes(64 * 1024) })).to.equal('请求内容过大，上限为 64 KiB');
  });

  it('type-check their values: a placeholder left out does not compile', () => {
    // @ts-expect-error `forbidden` needs the role.
    expect(hallMessage('forbidden', 'zh-CN')).to.equal('当前身份（{role}）无权进行此操作');
    // @ts-expect-error `badPassword` has no placeholders to fill.
    expect(hallMessage('badPassword', 'zh-CN', { role: 'x' })).to.equal('用户名或密码不正确');
  });
});
