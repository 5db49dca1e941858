import type { HallClient } from '@yichuang/hall-client';
import type { NotificationAdapter } from '@yichuang/devices';
import type { WorkstationStore } from '@yichuang/store';
import type { CatalogSource } from '@yichuang/ui';
import { elementLifecycles, type ModuleLifecycles, type ModuleProps } from './lifecycles/element-lifecycles.js';

/** What the workstation hands every module it mounts (single-spa custom props). */
export interface WorkstationProps extends ModuleProps {
  /** The hall, logged in as the route's person or device. */
  hall: HallClient;
  /** The store, unlocked for the clerk (staff routes). */
  store?: WorkstationStore | undefined;
  /** The hall's code and name. */
  hallCode?: string;
  hallName?: string;
  /** The window of the session (clerk, rating pad). */
  window?: string | undefined;
  /** The clerk's account and name. */
  clerk?: string | undefined;
  clerkName?: string | undefined;
  /** The item catalog (the hall's, kept for offline). */
  catalog?: CatalogSource | undefined;
  /** The case status page's address, for documents' QR codes. */
  statusBase?: string;
  /** Where SMS reminders go (the hall's gateway). */
  notifier?: NotificationAdapter | undefined;
  /** A display that must not speak (a test, a second screen). */
  muted?: boolean;
  /** Training (练习模式): a hall on this PC with demo data; documents are printed marked void. */
  training?: boolean;
}

/** What an intake is set up with, from the workstation's props (the window desk passes them on to its intake). */
function intakeSettings(props: WorkstationProps) {
  return {
    store: props.store,
    catalog: props.catalog,
    hall: props.hallCode ?? '',
    hallName: props.hallName ?? '',
    window: props.window ?? '',
    clerk: props.clerk ?? '',
    clerkName: props.clerkName ?? '',
    statusBase: props.statusBase ?? '',
    training: props.training === true,
  };
}

/** The comprehensive window: caller, intake, tolerance ledger and hand-over (`<yc-window-desk>`). */
export const windowModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-window-desk',
  load: () => import('./define.js'),
  configure: (desk, props: WorkstationProps) =>
    Object.assign(desk, { client: props.hall, notifier: props.notifier, ...intakeSettings(props) }),
});

/**
 * The helper desk (`<yc-assist-desk>`): the person served and their proxy, the help log, priority tickets, and the
 * intake it hands them over to (loaded with it).
 */
export const assistModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-assist-desk',
  load: () => Promise.all([import('@yichuang/assist/define.js'), import('@yichuang/intake/define.js')]),
  configure: (desk, props: WorkstationProps) => {
    const { store, catalog, hall, hallName, window, clerk, training } = intakeSettings(props);
    return Object.assign(desk, { client: props.hall, store, catalog, hall, hallName, window, helper: clerk, training });
  },
});

/** The cross-province desk (`<yc-remote-intake>`): collect for another region's hall, track it both ways. */
export const remoteModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-remote-intake',
  load: () => import('@yichuang/remote-intake/define.js'),
  configure: (desk, props: WorkstationProps) => {
    const { store, hall, hallName, window, clerk, clerkName, statusBase, training } = intakeSettings(props);
    return Object.assign(desk, {
      client: props.hall,
      store,
      hall,
      hallName,
      window,
      clerk,
      clerkName,
      statusBase,
      training,
    });
  },
});

/** The intake alone (`<yc-intake>`), as a district's host embeds it. */
export const intakeModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-intake',
  load: () => import('@yichuang/intake/define.js'),
  configure: (intake, props: WorkstationProps) => Object.assign(intake, intakeSettings(props)),
});

/** What a host page passes the embedded intake: where the hall is and which window this PC is. */
export interface EmbeddedProps extends ModuleProps {
  /** The hall server's address (`/`: the page's origin). */
  hallUrl?: string;
  /** The window this PC is. */
  window?: string;
  /** The catalog's address (or the hall's catalog, when not set: the intake's provider has none). */
  catalog?: string;
  /** `zh-CN` (default) or `en-US`. */
  locale?: string;
}

/**
 * The intake as a district's host embeds it on its own (a qiankun micro-app, a single-spa application or parcel): a
 * `<yc-provider>` with the hall's address, the window and the catalog from the props, the sign-in that connects to the
 * hall, and the intake, which takes the signed-in clerk's store, window and hall.
 */
export const embeddedIntakeModule: ModuleLifecycles<EmbeddedProps> = elementLifecycles({
  tag: 'yc-provider',
  load: () =>
    Promise.all([import('@yichuang/ui/define.js'), import('./embed.js'), import('@yichuang/intake/define.js')]),
  configure: (provider, props: EmbeddedProps) => {
    const attributes = {
      'hall-url': props.hallUrl ?? '/',
      window: props.window,
      catalog: props.catalog,
      locale: props.locale,
    };
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined) provider.removeAttribute(name);
      else provider.setAttribute(name, value);
    }
    if (!provider.firstElementChild) {
      provider.append(document.createElement('yc-clerk-login'), document.createElement('yc-intake'));
    }
  },
});

/** The self-service ticket kiosk (`<yc-ticket-kiosk>`), printing on the browser's printer. */
let kioskPrinter: unknown;
export const kioskModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-ticket-kiosk',
  load: async () => {
    const [, { BrowserTicketPrinter }] = await Promise.all([
      import('@yichuang/queue/define.js'),
      import('@yichuang/devices'),
    ]);
    kioskPrinter = new BrowserTicketPrinter();
  },
  configure: (kiosk, props: WorkstationProps) =>
    Object.assign(kiosk, { client: props.hall, hallName: props.hallName ?? '', printer: kioskPrinter }),
});

/** The hall's call screen (`<yc-hall-display>`). */
export const displayModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-hall-display',
  load: () => import('@yichuang/queue/define.js'),
  configure: (display, props: WorkstationProps) =>
    Object.assign(display, { client: props.hall, heading: props.hallName ?? '', muted: props.muted === true }),
});

/** A window's rating pad (`<yc-rating-pad>`). */
export const padModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-rating-pad',
  load: () => import('@yichuang/evaluation/define.js'),
  configure: (pad, props: WorkstationProps) =>
    Object.assign(pad, { client: props.hall, ...(props.window ? { window: props.window } : {}) }),
});

/** The manager's live board (`<yc-queue-board>`). */
export const boardModule: ModuleLifecycles<WorkstationProps> = elementLifecycles({
  tag: 'yc-queue-board',
  load: () => import('@yichuang/queue/define.js'),
  configure: (board, props: WorkstationProps) =>
    Object.assign(board, { client: props.hall, heading: props.hallName ?? '' }),
});
