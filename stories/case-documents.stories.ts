import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { filter, firstValueFrom } from 'rxjs';
import '@yichuang/intake/define.js';
import { transition, type CaseStatus, type ReceiptKind, type TransitionInput } from '@yichuang/core';
import { SimulatedDocumentPrinter, drawnSignature } from '@yichuang/devices';
import type { CaseDocuments } from '@yichuang/intake';
import { STORY_NOW, checkedMaterials, demoItems, storyDraft, storyStore } from './support/intake-scenes.js';

interface DocumentsArgs {
  /** A demo item or bundle. */
  items: string;
  /** The decision taken. */
  status: Extract<CaseStatus, 'accepted' | 'accepted-with-tolerance' | 'notified-incomplete' | 'refused'>;
  receipts: Record<string, ReceiptKind>;
  notes: Record<string, string>;
  answers: Partial<TransitionInput>;
  /** The printer fails with this reason on the first print. */
  failure?: 'paper-out' | 'offline';
  /** The case is in the workstation's store, so the applicant signs here; `signed` has them sign on the pad. */
  signing?: 'to-sign' | 'signed';
  locale: string;
  largeText: boolean;
}

/**
 * Marks the scene pending until the documents are hashed; prints once when the story shows a failure; puts the case
 * in a store of the story's own when the applicant signs here (and signs, for `signed`).
 */
function play(args: DocumentsArgs) {
  return (element: Element | undefined) => {
    const view = element as CaseDocuments | undefined;
    if (!view || view.dataset.played) return;
    view.dataset.played = 'yes';
    view.dataset.scene = 'pending';
    const ready = () => firstValueFrom(view.controller.state$.pipe(filter((state) => state.phase === 'ready')));
    void (async () => {
      if (args.signing && view.case) {
        const store = await storyStore(`yc-story-documents-${args.signing}`, true);
        const saved = await store.saveCase(view.case);
        view.store = store;
        view.case = saved.case;
        await ready();
        if (args.signing === 'signed')
          await view.controller.sign('tolerance-commitment', 'applicant', {
            way: 'pad',
            image: await drawnSignature(),
          });
      }
      await ready();
      if (args.failure) await view.print();
    })().finally(() => delete view.dataset.scene);
  };
}

/**
 * `<yc-case-documents>`: the documents a decided case hands over, as they print — A4 sheets with the case number,
 * hall, window, clerk and date, the status QR code and the SHA-256 of their words. Every story is rendered and
 * checked by axe.
 */
const meta: Meta<DocumentsArgs> = {
  title: 'Intake/Documents',
  component: 'yc-case-documents',
  args: {
    items: 'mi-relocation-filing',
    status: 'accepted',
    receipts: {},
    notes: {},
    answers: { promisedDate: '2026-12-21' },
    locale: 'zh-CN',
    largeText: false,
  },
  argTypes: {
    items: { control: 'select', options: ['mi-relocation-filing', 'public-rental-housing'] },
    status: {
      control: 'select',
      options: ['accepted', 'accepted-with-tolerance', 'notified-incomplete', 'refused'],
    },
    receipts: { control: false },
    notes: { control: false },
    answers: { control: false },
    failure: { control: 'inline-radio', options: [undefined, 'paper-out', 'offline'] },
    signing: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => {
    const items = demoItems(args.items);
    const draft = storyDraft(items, checkedMaterials(items, args.receipts, args.notes));
    const decided = transition(draft, {
      to: args.status,
      actor: 'clerk03',
      window: '03',
      at: STORY_NOW.toISOString(),
      items,
      ...args.answers,
    });
    const printer = new SimulatedDocumentPrinter(600);
    if (args.failure) printer.failWith(args.failure);
    return html`
      <yc-case-documents
        hall-name="示范区政务服务中心"
        window-name="综合窗口 3 号"
        clerk-name="王丽"
        actor="clerk03"
        window="03"
        .now=${() => STORY_NOW}
        status-base="https://hall.example.gov.cn/case/"
        .printer=${printer}
        .items=${items}
        .case=${decided}
        locale=${args.locale}
        ?large-text=${args.largeText}
        ${ref(play(args))}
      ></yc-case-documents>
    `;
  },
};
export default meta;

type Story = StoryObj<DocumentsArgs>;

/** Accepted (受理): the acceptance notice with its promised date, and the receipt for the materials. */
export const Accepted: Story = {};

/** Accepted with tolerance (容缺受理): the commitment letter lists what is promised, by when, and what follows if not. */
export const AcceptedWithTolerance: Story = {
  args: {
    items: 'public-rental-housing',
    status: 'accepted-with-tolerance',
    receipts: { 'bank-account': 'tolerated', 'rental-contract': 'tolerated' },
    answers: { supplementDue: '2026-12-14' },
  },
};

/** The commitment letter waits for the applicant's signature: on the screen's pad, or recorded as signed on paper. */
export const CommitmentToSign: Story = {
  args: { ...AcceptedWithTolerance.args, signing: 'to-sign' },
};

/** Signed on the pad: the signature is on the letter, with its time; the letter's digest covers it. */
export const CommitmentSigned: Story = {
  args: { ...AcceptedWithTolerance.args, signing: 'signed' },
};

/** The one-time notice (一次性告知书): every material missing or to be put right, with what is asked of it. */
export const OneTimeNotice: Story = {
  args: {
    items: 'public-rental-housing',
    status: 'notified-incomplete',
    receipts: { 'bank-account': 'missing', 'family-income-declaration': 'paper' },
    notes: { 'family-income-declaration': '未由申请人本人签字' },
    answers: { reason: '材料不齐全，请按本告知书补齐后再来办理。' },
  },
};

/** Refused (不予受理): the ground, the reason and the applicant's remedies. */
export const Refused: Story = {
  args: {
    status: 'refused',
    answers: { ground: 'not-competent', reason: '申请人户籍不在本区，应向户籍所在地窗口申请。' },
  },
};

/** The printer is out of paper: said plainly, the documents stay, the clerk tries again. */
export const PrinterOutOfPaper: Story = { args: { failure: 'paper-out' } };

/** The clerk's screen in English and large text; the documents stay in Chinese, the hall's official language. */
export const EnglishLargeText: Story = { args: { locale: 'en-US', largeText: true } };
