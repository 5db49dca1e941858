import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/intake/define.js';
import type { CaseMaterial, ElectronicLicence } from '@yichuang/core';
import { SimulatedDocumentCamera } from '@yichuang/devices';
import type { AttachmentSink, LicenceSource, MaterialChecklist } from '@yichuang/intake';
import { checkedMaterials, demoItems } from './support/intake-scenes.js';

interface ChecklistArgs {
  /** A demo item or bundle. */
  items: string;
  materials: CaseMaterial[];
  /** The e-licence look-up: none offered, done with the hall answering, or done with the network down. */
  lookup: 'none' | 'found' | 'offline';
  locale: string;
  largeText: boolean;
}

/** 公（廉）租房申请一件事, part checked: the ID card as an e-licence, a contract tolerated, a copy that needs a seal. */
const rentalChecked = checkedMaterials(
  demoItems('public-rental-housing'),
  { 'resident-id-card': 'e-licence', 'labour-contract': 'tolerated', 'housing-status-commitment': 'commitment' },
  { 'family-income-declaration': '缺少申请人签字' },
  'unchecked',
);

/** 张秀兰's e-licences, as the demo hall's issuer holds them. */
const HOLDER = '120101195803120025';
const issued = (type: string, title: string, number: string): ElectronicLicence => ({
  type,
  title,
  number,
  holderId: HOLDER,
  holderName: '张秀兰',
  issuer: '天津市公安局和平分局',
  issuedOn: '2016-04-11',
  sha256: '5b0e7a8c4f1d2e3a6b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a',
});
const SOURCES: Record<ChecklistArgs['lookup'], LicenceSource | undefined> = {
  none: undefined,
  found: {
    lookupLicences: async () => [
      issued('resident-id-card', '居民身份证', HOLDER),
      issued('household-register', '居民户口簿', 'HK120101-0012873'),
    ],
  },
  offline: {
    lookupLicences: () => Promise.reject(Object.assign(new Error('network down'), { transient: true })),
  },
};

/** Presses the look-up, as the clerk would; the visual run waits for the answer. */
function lookUp(args: ChecklistArgs) {
  return (element: Element | undefined) => {
    const view = element as MaterialChecklist | undefined;
    if (!view || args.lookup === 'none' || view.dataset['looked']) return;
    view.dataset['looked'] = 'yes';
    view.dataset['scene'] = 'pending';
    void view.updateComplete
      .then(async () => {
        view.shadowRoot?.querySelector<HTMLButtonElement>('[part~="licence-lookup"]')?.click();
        for (
          let i = 0;
          i < 50 && view.state.lookup.phase !== 'done' && view.state.lookup.phase !== 'unavailable';
          i++
        ) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await view.updateComplete;
      })
      .finally(() => delete view.dataset['scene']);
  };
}

/** Pages kept in memory for the story, named by their SHA-256 as the workstation store names them. */
const memoryStore = (): AttachmentSink => ({
  async putAttachment(file) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
    return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  },
});

/** Presses 拍摄/扫描 twice on the social security card, as the clerk would; the visual run waits for both pages. */
function captureTwoPages(element: Element | undefined): void {
  const view = element as MaterialChecklist | undefined;
  if (!view || view.dataset['captured']) return;
  view.dataset['captured'] = 'yes';
  view.dataset['scene'] = 'pending';
  const button = () =>
    view.shadowRoot?.querySelector<HTMLButtonElement>('li[data-material="social-security-card"] [part~="capture"]');
  const pages = () => view.state.materials.find((m) => m.materialId === 'social-security-card')?.attachments?.length;
  void view.updateComplete
    .then(async () => {
      for (const wanted of [1, 2]) {
        button()?.click();
        for (let i = 0; i < 100 && pages() !== wanted; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await view.updateComplete;
    })
    .finally(() => delete view.dataset['scene']);
}

/**
 * `<yc-material-checklist>`: the material check of an intake (材料核验). A bundle's shared materials are asked once,
 * with the items that need them; each material offers only the receipts the core allows. Every story is rendered and
 * checked by axe.
 */
const meta: Meta<ChecklistArgs> = {
  title: 'Intake/Material checklist',
  component: 'yc-material-checklist',
  args: { items: 'mi-relocation-filing', materials: [], lookup: 'none', locale: 'zh-CN', largeText: false },
  argTypes: {
    items: { control: 'select', options: ['mi-relocation-filing', 'public-rental-housing', 'newborn'] },
    materials: { control: false },
    lookup: { control: 'inline-radio', options: ['none', 'found', 'offline'] },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-material-checklist
      .items=${args.items ? demoItems(args.items) : []}
      .materials=${args.materials}
      .licences=${SOURCES[args.lookup]}
      .holderId=${args.lookup === 'none' ? undefined : HOLDER}
      .now=${() => new Date('2026-12-07T01:30:00.000Z')}
      locale=${args.locale}
      ?large-text=${args.largeText}
      ${ref(lookUp(args))}
    ></yc-material-checklist>
  `,
};
export default meta;

type Story = StoryObj<ChecklistArgs>;

/** One item, nothing checked yet: every required material is marked open. */
export const Unchecked: Story = {};

/** A bundle (一件事) part checked: e-licence, tolerance, commitment, and a note for the one-time notice. */
export const BundleChecked: Story = { args: { items: 'public-rental-housing', materials: rentalChecked } };

/** The applicant's e-licences looked up through the hall: her ID card and household register taken as e-licences. */
export const LicencesTaken: Story = { args: { items: 'hs-public-rental', lookup: 'found' } };

/** The network is down: the look-up says so, nothing changes, and the clerk takes paper. */
export const LicencesUnavailable: Story = { args: { items: 'hs-public-rental', lookup: 'offline' } };

/** Everything required in hand. */
export const Complete: Story = {
  args: { materials: checkedMaterials(demoItems('mi-relocation-filing')) },
};

/** No item chosen yet. */
export const NoItems: Story = { args: { items: '' } };

/** Large text (适老化). */
export const LargeText: Story = {
  args: { items: 'public-rental-housing', materials: rentalChecked, largeText: true },
};

/** In English. */
export const English: Story = { args: { items: 'public-rental-housing', materials: rentalChecked, locale: 'en-US' } };

/**
 * The social security card scanned at the window: the document camera (高拍仪, here `SimulatedDocumentCamera` through
 * `<yc-provider>`) captured two pages, each stored and named in the material; the last one can be removed.
 */
export const Scanned: Story = {
  args: {
    materials: checkedMaterials(demoItems('mi-relocation-filing'), { 'social-security-card': 'scan' }),
  },
  render: (args) => html`
    <yc-provider
      locale=${args.locale}
      ?large-text=${args.largeText}
      .documentCamera=${new SimulatedDocumentCamera({ captureMs: 400, now: () => new Date('2026-12-07T01:30:00.000Z') })}
    >
      <yc-material-checklist
        .items=${demoItems(args.items)}
        .materials=${args.materials}
        .store=${memoryStore()}
        ${ref(captureTwoPages)}
      ></yc-material-checklist>
    </yc-provider>
  `,
};
