import { expect } from '@open-wc/testing';
import { Announcer, SimulatedVoiceEngine, type Announcement, type VoiceEngine } from '@yichuang/devices';

const call = (window: string, number: string): Announcement => ({
  key: window,
  utterances: [{ text: `请 ${number} 号到 ${Number(window)} 号窗口办理`, lang: 'zh-CN' }],
});

const spoken = (voice: SimulatedVoiceEngine) =>
  voice.played.map((sound) => (sound.kind === 'chime' ? '♪' : sound.utterance!.text));

describe('the announcer of a hall display', () => {
  it('speaks each call after a chime, repeated, one call after the other and never two at once', async () => {
    const voice = new SimulatedVoiceEngine({ chimeMs: 20, msPerCharacter: 2 });
    const announcer = new Announcer(voice, { repeat: 2, pauseMs: 5 });
    void announcer.announce(call('05', 'A012'));
    void announcer.announce(call('03', 'B004'));
    await announcer.announce(call('07', 'A013'));
    expect(spoken(voice)).to.deep.equal([
      '♪',
      '请 A012 号到 5 号窗口办理',
      '请 A012 号到 5 号窗口办理',
      '♪',
      '请 B004 号到 3 号窗口办理',
      '请 B004 号到 3 号窗口办理',
      '♪',
      '请 A013 号到 7 号窗口办理',
      '请 A013 号到 7 号窗口办理',
    ]);
    expect(voice.overlap).to.equal(1);
    for (let i = 1; i < voice.played.length; i++) {
      expect(voice.played[i]!.startedAt).to.be.at.least(voice.played[i - 1]!.endedAt);
    }
  });

  it('replaces a waiting call of a window that called again, but never cuts the one being spoken', async () => {
    const voice = new SimulatedVoiceEngine({ msPerCharacter: 2 });
    const announcer = new Announcer(voice, { repeat: 1, pauseMs: 0, chime: false });
    void announcer.announce(call('05', 'A012'));
    void announcer.announce(call('03', 'B004'));
    void announcer.announce(call('03', 'B005'));
    await announcer.announce(call('05', 'A014'));
    expect(spoken(voice)).to.deep.equal([
      '请 A012 号到 5 号窗口办理',
      '请 B005 号到 3 号窗口办理',
      '请 A014 号到 5 号窗口办理',
    ]);
  });

  it('tells what it is speaking and what waits', async () => {
    const voice = new SimulatedVoiceEngine({ msPerCharacter: 3 });
    const announcer = new Announcer(voice, { repeat: 1, pauseMs: 0, chime: false });
    const states: string[] = [];
    announcer.state$.subscribe((state) =>
      states.push(`${state.speaking?.key ?? '-'}|${state.pending.map((a) => a.key).join(',')}`),
    );
    void announcer.announce(call('05', 'A012'));
    await announcer.announce(call('03', 'B004'));
    expect(states).to.deep.equal(['-|', '-|05', '05|', '05|03', '-|03', '03|', '-|']);
  });

  it('goes on with the next call when the voice engine fails, and keeps the error', async () => {
    const voice = new SimulatedVoiceEngine();
    let failOnce = true;
    const flaky: VoiceEngine = {
      chime: (signal) => voice.chime(signal),
      speak: (utterance, signal) => {
        if (failOnce) {
          failOnce = false;
          return Promise.reject(new Error('voice box unplugged'));
        }
        return voice.speak(utterance, signal);
      },
    };
    const announcer = new Announcer(flaky, { repeat: 1, pauseMs: 0 });
    void announcer.announce(call('05', 'A012'));
    await announcer.announce(call('03', 'B004'));
    expect(spoken(voice)).to.deep.equal(['♪', '♪', '请 B004 号到 3 号窗口办理']);
    expect(announcer.failures.map((error) => (error as Error).message)).to.deep.equal(['voice box unplugged']);
  });

  it('stops at once when disposed, cutting the sound short and speaking nothing that waited', async () => {
    const voice = new SimulatedVoiceEngine({ msPerCharacter: 200 });
    const announcer = new Announcer(voice, { repeat: 3, pauseMs: 0, chime: false });
    const idle = announcer.announce(call('05', 'A012'));
    void announcer.announce(call('03', 'B004'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = performance.now();
    announcer.dispose();
    await idle;
    expect(performance.now() - started).to.be.below(200);
    expect(voice.played).to.have.length(1);
    expect(voice.played[0]!.stopped).to.equal(true);
    await announcer.announce(call('07', 'A013'));
    expect(voice.played).to.have.length(1);
  });

  it('refuses a repeat count a hall could not mean', () => {
    const voice = new SimulatedVoiceEngine();
    expect(() => new Announcer(voice, { repeat: 0 })).to.throw(RangeError, /repeat/);
    expect(() => new Announcer(voice, { repeat: 1.5 })).to.throw(RangeError, /repeat/);
    expect(() => new Announcer(voice, { repeat: 9 })).to.throw(RangeError, /repeat/);
  });
});
