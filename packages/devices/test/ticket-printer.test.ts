import { expect, fixture, html } from '@open-wc/testing';
import {
  BrowserTicketPrinter,
  PrinterError,
  SimulatedTicketPrinter,
  TICKET_STYLES,
  ticketDocument,
  ticketHtml,
  type PrintedTicket,
  type TicketPrinter,
} from '@yichuang/devices';

const ticket = (overrides: Partial<PrintedTicket> = {}): PrintedTicket => ({
  number: 'A012',
  categoryName: '社保业务',
  peopleAhead: 3,
  issuedAt: '2025-03-01T00:30:00Z',
  hallName: '高新区政务服务中心',
  statusUrl: 'https://hall.example.gov.cn/q/A012?t=7KQ2',
  ...overrides,
});

/** The ticket markup, parsed. */
const parse = (markup: string) => {
  const host = document.createElement('div');
  host.innerHTML = markup;
  return host.firstElementChild as HTMLElement;
};

/** A ticket laid out on screen with its own styles (what the kiosk shows). */
async function shown(markup: string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.innerHTML = `<style>${TICKET_STYLES}</style>${markup}`;
  return host.querySelector<HTMLElement>('.yc-ticket')!;
}

describe('the ticket’s markup', () => {
  it('is accessible on screen', async () => {
    const article = await shown(ticketHtml(ticket({ lines: ['优先办理'] })));
    await expect(article).to.be.accessible();
  });

  it('shows the hall, the category, the number, who is ahead, the time in China, and a QR code of the status page', () => {
    const article = parse(ticketHtml(ticket()));
    expect(article.getAttribute('lang')).to.equal('zh-CN');
    const text = (selector: string) => article.querySelector(selector)?.textContent;
    expect(text('.hall')).to.equal('高新区政务服务中心');
    expect(text('.category')).to.equal('社保业务');
    expect(text('.number')).to.equal('A012');
    expect(text('.ahead')).to.equal('前面还有 3 人等候');
    expect(text('.issued')).to.equal('取号时间 2025-03-01 08:30');
    expect(text('.scan')).to.equal('扫码查看排队进度');
    const svg = article.querySelector('.qr svg')!;
    expect(svg.getAttribute('aria-label')).to.equal('排队进度二维码');
    expect(svg.getAttribute('viewBox')).to.equal('0 0 37 37'); // version 3 at least: 29 modules and the quiet zone
  });

  it('speaks English when asked, with the right plural, and says when nobody is ahead', () => {
    const text = (t: PrintedTicket, locale: 'zh-CN' | 'en-US') =>
      parse(ticketHtml(t, locale)).querySelector('.ahead')!.textContent;
    expect(text(ticket({ peopleAhead: 0 }), 'zh-CN')).to.equal('前面没有人等候');
    expect(text(ticket({ peopleAhead: 1 }), 'zh-CN')).to.equal('前面还有 1 人等候');
    expect(text(ticket({ peopleAhead: 0 }), 'en-US')).to.equal('Nobody is ahead of you');
    expect(text(ticket({ peopleAhead: 1 }), 'en-US')).to.equal('1 person ahead of you');
    expect(text(ticket({ peopleAhead: 12 }), 'en-US')).to.equal('12 people ahead of you');
    expect(parse(ticketHtml(ticket(), 'en-US')).querySelector('.issued')!.textContent).to.equal(
      'Issued 2025-03-01 08:30',
    );
  });

  it('prints extra lines, escapes every text, and is the same string every time', () => {
    const odd = ticket({ categoryName: '<b>不动产</b> & "登记"', lines: ['优先办理', '请携带<原件>'] });
    const article = parse(ticketHtml(odd));
    expect(article.querySelector('.category')!.textContent).to.equal('<b>不动产</b> & "登记"');
    expect(article.querySelector('b')).to.equal(null);
    expect([...article.querySelectorAll('.line')].map((line) => line.textContent)).to.deep.equal([
      '优先办理',
      '请携带<原件>',
    ]);
    expect(ticketHtml(odd)).to.equal(ticketHtml(odd));
  });

  it('leaves the QR code out without a status page, or when the link is too long for one', () => {
    expect(parse(ticketHtml(ticket({ statusUrl: undefined }))).querySelector('.qr')).to.equal(null);
    const long = parse(ticketHtml(ticket({ statusUrl: `https://hall.example.gov.cn/q/${'x'.repeat(300)}` })));
    expect(long.querySelector('.qr')).to.equal(null);
    expect(long.querySelector('.number')!.textContent).to.equal('A012');
  });

  it('refuses anything that looks like an identity or mobile number, and a time that is not one', () => {
    expect(() => ticketHtml(ticket({ lines: ['11010519491231002X'] }))).to.throw(TypeError, /personal data/);
    expect(() => ticketHtml(ticket({ lines: ['110105 19491231 002x'] }))).to.throw(TypeError, /personal data/);
    expect(() => ticketHtml(ticket({ categoryName: '回电 138-1234-5678' }))).to.throw(TypeError, /personal data/);
    expect(() => ticketHtml(ticket({ lines: ['窗口 12 至 15，预计 20250301 办结'] }))).not.to.throw();
    expect(() => ticketHtml(ticket({ issuedAt: 'yesterday' }))).to.throw(RangeError, /issuedAt/);
  });

  it('fits 72 mm of an 80 mm roll, black on white, on a page as long as the ticket', async () => {
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe style="width: 80mm; height: 200mm; border: 0"></iframe>`,
    );
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.srcdoc = ticketDocument(ticket({ lines: ['优先办理'] }), 'zh-CN', 123.4);
    await loaded;
    const page = frame.contentDocument!;
    const article = page.querySelector<HTMLElement>('.yc-ticket')!;
    const mm = (px: number) => (px * 25.4) / 96;
    expect(mm(article.getBoundingClientRect().width)).to.be.closeTo(72, 0.1);
    const rules = [...page.styleSheets[0]!.cssRules].map((rule) => rule.cssText);
    expect(rules).to.include('@page { size: 80mm 124mm; margin: 0px; }');
    const style = frame.contentWindow!.getComputedStyle(article);
    expect(style.color).to.equal('rgb(0, 0, 0)');
    expect(style.backgroundColor).to.equal('rgb(255, 255, 255)');
    const number = page.querySelector<HTMLElement>('.number')!;
    expect(mm(number.getBoundingClientRect().height)).to.be.above(15);
    expect(number.getBoundingClientRect().width).to.be.at.most(article.getBoundingClientRect().width);
    expect(mm(page.querySelector('.qr svg')!.getBoundingClientRect().width)).to.be.closeTo(30, 0.1);
    expect(page.title).to.equal('高新区政务服务中心 A012');
  });
});

/** What a contract test sees of a printer: the numbers it printed, in order. */
interface PrinterUnderTest {
  printer: TicketPrinter;
  printedNumbers(): string[];
  dispose(): void;
}

/** Catches the hidden frames a {@link BrowserTicketPrinter} prints, and lets a test act on each as it is attached. */
function watchFrames(container: HTMLElement, onAttach: (frame: HTMLIFrameElement) => void = () => undefined) {
  const printed: { number: string; pageRules: string[]; bodyHeight: number }[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLIFrameElement)) continue;
        // The frame keeps its window when its srcdoc replaces the first blank page (same origin), so hooks set now
        // are in place before the printer, whose load listener came first, goes on.
        const view = node.contentWindow!;
        view.addEventListener('beforeprint', () => {
          const page = node.contentDocument!;
          printed.push({
            number: page.querySelector('.number')!.textContent!,
            pageRules: [...page.styleSheets].flatMap((sheet) =>
              [...sheet.cssRules].map((rule) => rule.cssText).filter((text) => text.startsWith('@page')),
            ),
            bodyHeight: page.body.getBoundingClientRect().height,
          });
        });
        onAttach(node);
      }
    }
  });
  observer.observe(container, { childList: true });
  return { printed, stop: () => observer.disconnect() };
}

const implementations: [string, () => PrinterUnderTest][] = [
  [
    'SimulatedTicketPrinter',
    () => {
      const printer = new SimulatedTicketPrinter();
      return { printer, printedNumbers: () => printer.printed.map((t) => t.number), dispose: () => undefined };
    },
  ],
  [
    'BrowserTicketPrinter',
    () => {
      const container = document.createElement('div');
      document.body.append(container);
      const frames = watchFrames(container);
      const printer = new BrowserTicketPrinter({ container, afterPrintMs: 20 });
      return {
        printer,
        printedNumbers: () => frames.printed.map((p) => p.number),
        dispose: () => {
          frames.stop();
          container.remove();
        },
      };
    },
  ],
];

for (const [name, make] of implementations) {
  describe(`a ticket printer: ${name}`, () => {
    let subject: PrinterUnderTest;
    beforeEach(() => (subject = make()));
    afterEach(() => subject.dispose());

    it('prints tickets one after the other, in the order asked', async () => {
      await Promise.all(['A012', 'A013', 'B004'].map((number) => subject.printer.print(ticket({ number }))));
      expect(subject.printedNumbers()).to.deep.equal(['A012', 'A013', 'B004']);
    });

    it('prints nothing for an aborted request, and rejects with the abort reason', async () => {
      const stop = new AbortController();
      stop.abort(new DOMException('kiosk reset', 'AbortError'));
      const error = await subject.printer.print(ticket(), stop.signal).catch((caught: unknown) => caught);
      expect((error as DOMException).message).to.equal('kiosk reset');
      await subject.printer.print(ticket({ number: 'A013' }));
      expect(subject.printedNumbers()).to.deep.equal(['A013']);
    });

    it('refuses a ticket carrying personal data, and prints the next one', async () => {
      const error = await subject.printer.print(ticket({ lines: ['13812345678'] })).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(TypeError);
      await subject.printer.print(ticket({ number: 'A013' }));
      expect(subject.printedNumbers()).to.deep.equal(['A013']);
    });
  });
}

describe('the browser’s printer', () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => container.remove());

  it('prints a page exactly as long as the ticket, and removes its frame (headless Chromium never fires afterprint)', async () => {
    const frames = watchFrames(container);
    const printer = new BrowserTicketPrinter({ container, afterPrintMs: 300 });
    const started = performance.now();
    await printer.print(ticket({ lines: ['优先办理'] }));
    expect(performance.now() - started).to.be.below(3000);
    expect(container.querySelector('iframe')).to.equal(null);
    const [printed] = frames.printed;
    const heightMm = Math.ceil((printed!.bodyHeight * 25.4) / 96);
    expect(heightMm).to.be.within(90, 200);
    expect(printed!.pageRules).to.include(`@page { size: 80mm ${heightMm}mm; margin: 0px; }`);
    frames.stop();
  });

  it('goes on as soon as the browser says printing is over', async () => {
    const frames = watchFrames(container, (frame) =>
      frame.contentWindow!.addEventListener('beforeprint', () =>
        setTimeout(() => frame.contentWindow!.dispatchEvent(new Event('afterprint'))),
      ),
    );
    const printer = new BrowserTicketPrinter({ container, afterPrintMs: 5000 });
    const started = performance.now();
    await printer.print(ticket());
    expect(performance.now() - started).to.be.below(2000);
    expect(frames.printed).to.have.length(1);
    frames.stop();
  });

  it('rejects with a PrinterError when the browser refuses to print', async () => {
    const frames = watchFrames(container, (frame) => {
      frame.contentWindow!.print = () => {
        throw new DOMException('printing is disabled', 'NotAllowedError');
      };
    });
    const error = await new BrowserTicketPrinter({ container }).print(ticket()).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(PrinterError);
    expect((error as PrinterError).reason).to.equal('other');
    expect(((error as PrinterError).cause as DOMException).name).to.equal('NotAllowedError');
    expect(container.querySelector('iframe')).to.equal(null);
    frames.stop();
  });

  it('gives up with a PrinterError when the ticket’s fonts never get ready', async () => {
    const frames = watchFrames(container, (frame) => {
      const view = frame.contentWindow as Window & typeof globalThis;
      Object.defineProperty(view.Document.prototype, 'fonts', { get: () => ({ ready: new Promise(() => undefined) }) });
    });
    const error = await new BrowserTicketPrinter({ container, loadTimeoutMs: 50 })
      .print(ticket())
      .catch((caught: unknown) => caught);
    expect((error as PrinterError).reason).to.equal('other');
    expect((error as Error).message).to.match(/fonts/);
    expect(frames.printed).to.have.length(0);
    frames.stop();
  });

  it('stops before printing when aborted while the ticket loads', async () => {
    const stop = new AbortController();
    const frames = watchFrames(container);
    const printing = new BrowserTicketPrinter({ container }).print(ticket(), stop.signal);
    stop.abort(new DOMException('kiosk reset', 'AbortError'));
    const error = await printing.catch((caught: unknown) => caught);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(frames.printed).to.have.length(0);
    expect(container.querySelector('iframe')).to.equal(null);
    frames.stop();
  });

  it('puts its frame in the document body unless given a container', async () => {
    const before = document.body.children.length;
    const seen: string[] = [];
    const observer = new MutationObserver((records) =>
      records.forEach((record) => record.addedNodes.forEach((node) => seen.push(node.nodeName))),
    );
    observer.observe(document.body, { childList: true });
    await new BrowserTicketPrinter({ afterPrintMs: 0 }).print(ticket());
    observer.disconnect();
    expect(seen).to.deep.equal(['IFRAME']);
    expect(document.body.children.length).to.equal(before);
  });
});

describe('the simulated printer', () => {
  it('runs out of paper, says so with a typed error, and prints again after a refill', async () => {
    const printer = new SimulatedTicketPrinter({ paper: 2 });
    const seen: string[] = [];
    printer.printed$.subscribe((t) => seen.push(t.number));
    await printer.print(ticket({ number: 'A001' }));
    await printer.print(ticket({ number: 'A002' }));
    const error = await printer.print(ticket({ number: 'A003' })).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(PrinterError);
    expect((error as PrinterError).reason).to.equal('paper-out');
    expect((error as PrinterError).name).to.equal('PrinterError');
    printer.refill();
    await printer.print(ticket({ number: 'A003' }));
    expect(seen).to.deep.equal(['A001', 'A002', 'A003']);
    expect(printer.paper).to.equal(Infinity);
  });

  it('fails as told until told otherwise', async () => {
    const printer = new SimulatedTicketPrinter();
    printer.failWith('offline');
    const error = (await printer.print(ticket()).catch((caught: unknown) => caught)) as PrinterError;
    expect([error.reason, error.message]).to.deep.equal(['offline', 'Ticket not printed (offline)']);
    printer.failWith(undefined);
    await printer.print(ticket());
    expect(printer.printed).to.have.length(1);
  });

  it('takes its time, can be stopped mid-ticket, and keeps a copy of what it printed', async () => {
    const printer = new SimulatedTicketPrinter({ printMs: 1000 });
    const stop = new AbortController();
    const printing = printer.print(ticket(), stop.signal);
    setTimeout(() => stop.abort(new DOMException('kiosk reset', 'AbortError')), 20);
    const error = await printing.catch((caught: unknown) => caught);
    expect((error as DOMException).name).to.equal('AbortError');
    expect(printer.printed).to.have.length(0);
    const fast = new SimulatedTicketPrinter({ printMs: 5 });
    const original = ticket({ lines: ['优先办理'] });
    await fast.print(original, new AbortController().signal);
    (original.lines as string[]).push('changed later');
    expect(fast.printed[0]!.lines).to.deep.equal(['优先办理']);
  });
});
