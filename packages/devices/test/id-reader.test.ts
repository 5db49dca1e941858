import { expect } from '@open-wc/testing';
import {
  ELDERLY_AGE,
  IdReaderError,
  SimulatedIdCardReader,
  cardReads,
  eligibilityOf,
  type IdCardData,
  type IdCardRead,
  type IdCardReader,
} from '@yichuang/devices';

/** A resident identity number with its GB 11643 check character (ISO 7064 MOD 11-2), for test cards. */
function idNumber(area: string, birth: string, sequence: string): string {
  const first17 = area + birth.replaceAll('-', '') + sequence;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

const card = (birthDate: string, overrides: Partial<IdCardData> = {}): IdCardData => ({
  name: '张三',
  idNumber: idNumber('110105', birthDate, '001'),
  sex: 'male',
  birthDate,
  address: '北京市朝阳区某某路 1 号',
  issuer: '北京市公安局朝阳分局',
  validUntil: 'long-term',
  ...overrides,
});

describe('what a kiosk may keep of an identity card', () => {
  it('tells the age and whether the holder is elderly, on the standard’s own example', () => {
    const example = card('1949-12-31', { idNumber: '11010519491231002X', sex: 'female' });
    expect(eligibilityOf(example, new Date('2025-03-01T08:00:00+08:00'))).to.deep.equal({
      valid: true,
      age: 75,
      elderly: true,
      expired: false,
    });
    expect(ELDERLY_AGE).to.equal(60);
  });

  it('counts whole years on the day in China, turning 60 on the birthday itself', () => {
    const holder = card('1965-03-02');
    // 2025-03-01 23:59 in Beijing is still the day before the birthday, though it is 2025-03-01 15:59 UTC.
    expect(eligibilityOf(holder, new Date('2025-03-01T15:59:00Z'))).to.include({ age: 59, elderly: false });
    // 2025-03-02 00:00 in Beijing is 2025-03-01 16:00 UTC: the birthday has come.
    expect(eligibilityOf(holder, new Date('2025-03-01T16:00:00Z'))).to.include({ age: 60, elderly: true });
    expect(eligibilityOf(holder, new Date('2025-12-31T00:00:00Z'))).to.include({ age: 60 });
  });

  it('takes the hall’s own age threshold', () => {
    const holder = card('1955-06-01');
    const today = new Date('2025-07-01T00:00:00Z');
    expect(eligibilityOf(holder, today, { elderlyAge: 65 })).to.include({ age: 70, elderly: true });
    expect(eligibilityOf(holder, today, { elderlyAge: 80 })).to.include({ age: 70, elderly: false });
  });

  it('accepts a lower-case x, and says when the card has expired', () => {
    const example = card('1949-12-31', { idNumber: '11010519491231002x', validUntil: '2020-01-01' });
    expect(eligibilityOf(example, new Date('2025-03-01T00:00:00Z'))).to.deep.equal({
      valid: true,
      age: 75,
      elderly: true,
      expired: true,
    });
    expect(eligibilityOf(card('1980-01-01', { validUntil: '2030-01-01' }), new Date('2025-03-01'))).to.include({
      expired: false,
    });
  });

  it('offers nothing on a number that fails its check or disagrees with the card’s birth date', () => {
    const today = new Date('2025-03-01T00:00:00Z');
    const typo = card('1949-12-31', { idNumber: '110105194912310021' });
    expect(eligibilityOf(typo, today)).to.deep.equal({ valid: false, reason: 'check-digit' });
    const other = card('1949-12-31', { birthDate: '1950-01-01' });
    expect(eligibilityOf(other, today)).to.deep.equal({ valid: false, reason: 'mismatch' });
    expect(eligibilityOf(card('2030-01-01'), today)).to.deep.equal({ valid: false, reason: 'date' });
  });

  it('keeps nothing that tells who the holder is', () => {
    const holder = card('1949-12-31', { idNumber: '11010519491231002X' });
    const kept = JSON.stringify(eligibilityOf(holder, new Date('2025-03-01T00:00:00Z')));
    for (const personal of [holder.idNumber, holder.name, holder.birthDate, '1949', '110105', holder.address!]) {
      expect(kept).not.to.contain(personal);
    }
  });
});

describe('the simulated identity card reader', () => {
  it('reads the cards placed on it in order, each once, as copies', async () => {
    const first = card('1949-12-31');
    const reader = new SimulatedIdCardReader({ cards: [first, card('1990-05-05')] });
    expect(reader.pending).to.equal(2);
    const read = await reader.read();
    expect(read).to.deep.equal(first);
    expect(read).not.to.equal(first);
    expect((await reader.read()).birthDate).to.equal('1990-05-05');
    expect(reader.pending).to.equal(0);
  });

  it('waits for a card to be placed, and gives up with a timeout when none comes', async () => {
    const reader = new SimulatedIdCardReader({ timeoutMs: 100 });
    const reading = reader.read();
    setTimeout(() => reader.place(card('1960-01-01')), 20);
    expect((await reading).birthDate).to.equal('1960-01-01');
    const error = await reader.read().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(IdReaderError);
    expect((error as IdReaderError).reason).to.equal('timeout');
    expect((error as IdReaderError).name).to.equal('IdReaderError');
  });

  it('fails with a typed error for an unreadable card, then reads the next one', async () => {
    const reader = new SimulatedIdCardReader({ cards: ['unreadable', card('1950-01-01')] });
    const error = (await reader.read().catch((caught: unknown) => caught)) as IdReaderError;
    expect([error.reason, error.message]).to.deep.equal(['unreadable', 'Identity card not read (unreadable)']);
    expect((await reader.read()).birthDate).to.equal('1950-01-01');
  });

  it('fails with no-card when the card is taken away while being read', async () => {
    const reader = new SimulatedIdCardReader({ cards: [card('1950-01-01'), card('1951-01-01')], readMs: 100 });
    const reading = reader.read();
    setTimeout(() => reader.remove(), 20);
    const error = (await reading.catch((caught: unknown) => caught)) as IdReaderError;
    expect(error.reason).to.equal('no-card');
    expect(reader.pending).to.equal(0);
  });

  it('stops reading when aborted, waiting or reading, and leaves the card for the next read', async () => {
    const reader = new SimulatedIdCardReader({ readMs: 200 });
    const stop = new AbortController();
    const waiting = reader.read(stop.signal);
    setTimeout(() => stop.abort(new DOMException('kiosk reset', 'AbortError')), 10);
    expect(((await waiting.catch((caught: unknown) => caught)) as DOMException).name).to.equal('AbortError');
    const stopReading = new AbortController();
    reader.place(card('1950-01-01'));
    const reading = reader.read(stopReading.signal);
    setTimeout(() => stopReading.abort(new DOMException('kiosk reset', 'AbortError')), 10);
    expect(((await reading.catch((caught: unknown) => caught)) as DOMException).name).to.equal('AbortError');
    const stopped = new AbortController();
    stopped.abort();
    expect(await reader.read(stopped.signal).catch((caught: unknown) => (caught as DOMException).name)).to.equal(
      'AbortError',
    );
  });
});

describe('watching a reader', () => {
  it('tells each card placed and each card that could not be read, but not the quiet times', async () => {
    const reader = new SimulatedIdCardReader({ timeoutMs: 20 });
    const seen: string[] = [];
    const subscription = cardReads(reader, { retryMs: 5 }).subscribe((read: IdCardRead) =>
      seen.push(read.card ? read.card.birthDate : read.error.reason),
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    reader.place(card('1950-01-01'));
    reader.place('unreadable');
    reader.place(card('1990-05-05'));
    await new Promise((resolve) => setTimeout(resolve, 60));
    subscription.unsubscribe();
    expect(seen).to.deep.equal(['1950-01-01', 'unreadable', '1990-05-05']);
  });

  it('stops reading when unsubscribed, so a card placed later waits for the next reader', async () => {
    const reader = new SimulatedIdCardReader();
    const subscription = cardReads(reader).subscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    subscription.unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    reader.place(card('1950-01-01'));
    expect(reader.pending).to.equal(1);
  });

  it('pauses after a failing reader instead of spinning, and ends on an error that is not a reader’s', async () => {
    let calls = 0;
    const offline: IdCardReader = {
      read: () => {
        calls++;
        return Promise.reject(new IdReaderError('offline'));
      },
    };
    const seen: string[] = [];
    const subscription = cardReads(offline, { retryMs: 50 }).subscribe((read) => seen.push(read.error!.reason));
    await new Promise((resolve) => setTimeout(resolve, 120));
    subscription.unsubscribe();
    expect(calls).to.be.within(2, 4);
    expect(seen.every((reason) => reason === 'offline')).to.equal(true);

    const broken: IdCardReader = { read: () => Promise.reject(new Error('vendor service answered nonsense')) };
    const failure = await new Promise((resolve) => cardReads(broken).subscribe({ error: resolve }));
    expect((failure as Error).message).to.equal('vendor service answered nonsense');
  });
});
