import { expect, fixture, html } from '@open-wc/testing';
import { documentDigest, type CaseDocument } from '@yichuang/core';
import {
  BrowserDocumentPrinter,
  DOCUMENT_STYLES,
  PrinterError,
  SimulatedDocumentPrinter,
  documentHtml,
  TRAINING_MARK,
  documentsPage,
  type PrintableDocument,
} from '@yichuang/devices';

const notice = (overrides: Partial<CaseDocument> = {}): CaseDocument => ({
  kind: 'one-time-notice',
  title: '一次性告知书',
  caseNumber: 'TJHP01-20250303-W03-0001',
  caseId: '01JNMV7Q8Z3K5W9XG2T4HB6YRD',
  hall: { code: 'TJHP01', name: '示范区政务服务中心' },
  window: { code: 'W03', name: '综合窗口 3 号' },
  clerk: { id: 'clerk-7', name: '李敏' },
  issuedAt: '2025-03-03T01:10:00.000Z',
  issuedOn: '2025年3月3日',
  applicant: { name: '张三', idLabel: '居民身份证', idMasked: '110105********002X' },
  items: ['城乡居民医保参保登记', '新生儿出生登记'],
  paragraphs: ['你（单位）申请的下列事项，申请材料不齐全或不符合法定形式，现一次性告知需要补正的全部内容如下。'],
  materials: Array.from({ length: 13 }, (_, i) => ({
    name: `材料 ${i + 1}：出生医学证明`,
    state: i % 2 ? '未提交' : '需补正：复印件不清晰，请重新复印并加盖公章',
    requirement: '原件及复印件；1 份',
  })),
  materialsTitle: '需要补正的材料',
  signatures: ['受理人'],
  statusUrl: 'https://hall.example.gov.cn/case/01JNMV7Q8Z3K5W9XG2T4HB6YRD',
  ...overrides,
});

async function printable(document: CaseDocument = notice()): Promise<PrintableDocument> {
  return { document, digest: await documentDigest(document) };
}

/** A document laid out on screen with its own styles (what the window's print view shows). */
async function shown(markup: string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  host.innerHTML = `<style>${DOCUMENT_STYLES}</style>${markup}`;
  return host.querySelector<HTMLElement>('.yc-document')!;
}

const MM = 96 / 25.4;

describe('a document’s markup', () => {
  it('is accessible on screen', async () => {
    const sheet = await shown(documentHtml(await printable()));
    await expect(sheet).to.be.accessible();
  });

  it('shows the hall, title, case number, applicant with the masked number, items, window, clerk, time, QR and digest', async () => {
    const doc = await printable();
    const sheet = await shown(documentHtml(doc));
    const text = sheet.textContent!;
    for (const expected of [
      '示范区政务服务中心',
      '一次性告知书',
      '办件编号：TJHP01-20250303-W03-0001',
      '110105********002X',
      '城乡居民医保参保登记；新生儿出生登记',
      '综合窗口 3 号（W03）',
      '受理人：李敏（clerk-7）',
      '2025年3月3日 09:10',
      doc.digest,
    ]) {
      expect(text).to.include(expected);
    }
    expect(sheet.querySelector('svg[role="img"]')!.getAttribute('aria-label')).to.equal('办理进度查询二维码');
    expect(sheet.querySelectorAll('.materials tbody tr')).to.have.length(13);
  });

  it('names the proxy under the applicant, with relation, authority and the number masked', async () => {
    const proxy = {
      name: '王五',
      idLabel: '居民身份证',
      idMasked: '110105********4013',
      relation: '子女',
      authorisation: '授权委托书',
    };
    const sheet = await shown(documentHtml(await printable(notice({ proxy }))));
    const rows = [...sheet.querySelectorAll('.facts tr')].map((tr) => tr.textContent);
    expect(rows[1]).to.equal('代理人王五（子女，授权委托书）居民身份证110105********4013');
    expect((await shown(documentHtml(await printable()))).textContent).to.not.include('代理人');
  });

  it('marks a document issued in training at its head and across the sheet', async () => {
    const sheet = await shown(documentHtml(await printable(notice({ training: true }))));
    expect(sheet.hasAttribute('data-training')).to.equal(true);
    expect(sheet.querySelector('header [role="note"]')!.textContent).to.equal(TRAINING_MARK);
    expect(TRAINING_MARK).to.match(/练习/);
    expect(getComputedStyle(sheet, '::after').content).to.equal('"练习"');
    const real = await shown(documentHtml(await printable()));
    expect(real.hasAttribute('data-training')).to.equal(false);
    expect(real.querySelector('[role="note"]')).to.equal(null);
    expect(getComputedStyle(real, '::after').content).to.equal('none');
  });

  it('escapes every text, and is the same string every time', async () => {
    const doc = await printable(
      notice({ applicant: { name: '<img src=x onerror=alert(1)>', idLabel: '护照', idMasked: 'E1*****78' } }),
    );
    const markup = documentHtml(doc);
    expect(markup).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).to.not.include('<img');
    expect(documentHtml(doc)).to.equal(markup);
  });

  it('prints the status address instead of a QR code when it is too long for one', async () => {
    const long = `https://hall.example.gov.cn/case/${'x'.repeat(300)}`;
    const sheet = await shown(documentHtml(await printable(notice({ statusUrl: long }))));
    expect(sheet.querySelector('svg')).to.equal(null);
    expect(sheet.textContent).to.include(long);
  });

  it('refuses a digest that is not a SHA-256, and a time that is not one', async () => {
    const doc = await printable();
    expect(() => documentHtml({ ...doc, digest: 'abc' })).to.throw(RangeError, /digest/);
    expect(() => documentHtml({ document: notice({ issuedAt: 'soon' }), digest: doc.digest })).to.throw(RangeError);
  });

  it('fits a one-time notice of 13 materials on one A4 sheet, and starts each document on a new sheet', async () => {
    const sheet = await shown(documentHtml(await printable()));
    const box = sheet.getBoundingClientRect();
    expect(box.width).to.be.closeTo(210 * MM, 1);
    expect(box.height).to.be.closeTo(297 * MM, 1);
    const page = documentsPage([await printable(), await printable(notice({ title: '受理通知书' }))], '打印');
    expect(page).to.include('@page { size: A4; margin: 0 }');
    expect(page.match(/<article/g)).to.have.length(2);
    expect(page).to.include('.yc-document { break-after: page; }');
  });
});

describe('the browser’s A4 printer', () => {
  it('prints every document of the job in one frame, then removes the frame', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const seen: { titles: string[]; width: number }[] = [];
    const observer = new MutationObserver((records) => {
      for (const node of records.flatMap((r) => [...r.addedNodes])) {
        if (!(node instanceof HTMLIFrameElement)) continue;
        node.contentWindow!.addEventListener('beforeprint', () => {
          const page = node.contentDocument!;
          seen.push({
            titles: [...page.querySelectorAll('h1')].map((h) => h.textContent!),
            width: page.body.getBoundingClientRect().width,
          });
        });
      }
    });
    observer.observe(container, { childList: true });
    const printer = new BrowserDocumentPrinter({ container, afterPrintMs: 10 });
    await printer.print([await printable(notice({ title: '受理通知书' })), await printable()]);
    observer.disconnect();
    expect(seen).to.have.length(1);
    expect(seen[0]!.titles).to.deep.equal(['受理通知书', '一次性告知书']);
    expect(seen[0]!.width).to.be.closeTo(210 * MM, 1);
    expect(container.querySelector('iframe')).to.equal(null);
  });

  it('refuses an empty job', async () => {
    const error = await new BrowserDocumentPrinter().print([]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RangeError);
  });

  it('rejects with a PrinterError when the browser refuses to print', async () => {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const observer = new MutationObserver((records) => {
      for (const node of records.flatMap((r) => [...r.addedNodes])) {
        if (node instanceof HTMLIFrameElement) {
          node.contentWindow!.print = () => {
            throw new Error('blocked by policy');
          };
        }
      }
    });
    observer.observe(container, { childList: true });
    const error = await new BrowserDocumentPrinter({ container, afterPrintMs: 10 })
      .print([await printable()])
      .catch((e: unknown) => e);
    observer.disconnect();
    expect(error).to.be.instanceOf(PrinterError);
    expect((error as PrinterError).reason).to.equal('other');
  });
});

describe('the simulated A4 printer', () => {
  it('keeps each job, fails as told, and prints again once told', async () => {
    const printer = new SimulatedDocumentPrinter();
    const jobs: number[] = [];
    printer.printed$.subscribe((job) => jobs.push(job.length));
    await printer.print([await printable(), await printable()]);
    printer.failWith('paper-out');
    const error = await printer.print([await printable()]).catch((e: unknown) => e);
    expect((error as PrinterError).reason).to.equal('paper-out');
    printer.failWith(undefined);
    await printer.print([await printable()]);
    expect(jobs).to.deep.equal([2, 1]);
    expect(printer.jobs.map((job) => job[0]!.document.title)).to.deep.equal(['一次性告知书', '一次性告知书']);
  });

  it('refuses what a real printer would refuse: no documents, a false digest', async () => {
    const printer = new SimulatedDocumentPrinter();
    expect(await printer.print([]).catch((e: unknown) => e)).to.be.instanceOf(RangeError);
    const doc = await printable();
    expect(await printer.print([{ ...doc, digest: 'x' }]).catch((e: unknown) => e)).to.be.instanceOf(RangeError);
    expect(printer.jobs).to.have.length(0);
  });

  it('can be stopped mid-job, and then keeps nothing of it', async () => {
    const printer = new SimulatedDocumentPrinter(200);
    const stop = new AbortController();
    const job = printer.print([await printable()], stop.signal);
    stop.abort(new Error('the clerk cancelled'));
    expect(((await job.catch((e: unknown) => e)) as Error).message).to.equal('the clerk cancelled');
    expect(printer.jobs).to.have.length(0);
  });
});
