import { expect } from '@open-wc/testing';
import { SpeechSynthesisVoiceEngine } from '@yichuang/devices';

describe("the browser's own voice", () => {
  it('speaks through speechSynthesis and always ends, even where the browser never finishes a sentence', async () => {
    const voice = new SpeechSynthesisVoiceEngine({ timeoutMs: 1500 });
    expect(voice.available).to.equal(true);
    const started = performance.now();
    await voice.speak({ text: '请 A012 号到 5 号窗口办理', lang: 'zh-CN' });
    expect(performance.now() - started).to.be.below(3000);
  });

  it('stops a sentence when asked, and speaks nothing for an aborted request', async () => {
    const voice = new SpeechSynthesisVoiceEngine({ timeoutMs: 10_000 });
    const stop = new AbortController();
    const spoken = voice.speak(
      { text: '请 A012 号到 5 号窗口办理，请 A012 号到 5 号窗口办理', lang: 'zh-CN' },
      stop.signal,
    );
    setTimeout(() => stop.abort(), 50);
    const started = performance.now();
    await spoken;
    expect(performance.now() - started).to.be.below(1000);
    await voice.speak({ text: '不该说', lang: 'zh-CN' }, stop.signal);
    expect(speechSynthesis.speaking && speechSynthesis.pending).to.equal(false);
  });

  it('plays a chime that ends (or stays silent where the browser forbids sound), and none once aborted', async () => {
    const voice = new SpeechSynthesisVoiceEngine();
    const started = performance.now();
    await voice.chime();
    expect(performance.now() - started).to.be.below(2500);
    const stop = new AbortController();
    stop.abort();
    const again = performance.now();
    await voice.chime(stop.signal);
    expect(performance.now() - again).to.be.below(50);
  });
});
