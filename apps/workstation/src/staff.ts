// A person's page: the door (sign-in, take-over, lock), then the desk of the person's role in the frame with the
// connection and sync status, lock and sign-out.
import { navigateToUrl, registerApplication, start, triggerAppChange } from 'single-spa';
import { WorkstationStore } from '@yichuang/store';
import {
  HallConnection,
  personLine,
  hallCatalog,
  homeOf,
  mayOpen,
  routeOf,
  routeTitle,
  routesOf,
  WORKSTATION_ROUTES,
  type RouteName,
  type SessionState,
  type WorkstationProps,
} from '@yichuang/shell';
import '@yichuang/shell/define.js';
import { deskOf, desk, gate, hallName, heading } from './page.js';

const frame = document.getElementById('frame')!;
const who = document.getElementById('who')!;
const person = document.getElementById('person')!;
const desks = document.getElementById('desks')!;

/** The desk this PC served last (its path), opened again at the next sign-in of someone who may open it. */
const LAST_DESK = 'yc-workstation-desk';

/** The frame's links to the desks a person may open (a clerk: the window desk and the helper desk). */
function showDesks(state: SessionState): void {
  const routes = state.phase === 'active' ? routesOf(roleOf(state)) : [];
  desks.hidden = routes.length < 2;
  desks.replaceChildren(
    ...routes.map((route) => {
      const link = document.createElement('a');
      link.href = WORKSTATION_ROUTES[route].path;
      link.textContent = routeTitle(route, 'zh-CN', false);
      if (routeOf(location.pathname) === route) link.setAttribute('aria-current', 'page');
      link.addEventListener('click', (event) => {
        event.preventDefault();
        navigateToUrl(link.href);
      });
      return link;
    }),
  );
}

/** The tab's training flag: `?training` turns it on, `?training=off` off; it lasts as long as the tab. */
function trainingMode(): boolean {
  const asked = new URLSearchParams(location.search).get('training');
  if (asked === 'off') sessionStorage.removeItem('yc-training');
  else if (asked !== null) sessionStorage.setItem('yc-training', '1');
  return sessionStorage.getItem('yc-training') === '1';
}

/**
 * The workstation's link to its hall. In training (练习模式) the hall and the store are this PC's own, apart from the
 * real ones: a hall inside this browser seeded with the demo hall (its clerks and windows), and a store of its own, so
 * nothing a clerk practises reaches the hall; its session is not kept across reloads (signing in again is cheap).
 */
async function connect(training: boolean): Promise<HallConnection> {
  const hallCode = localStorage.getItem('yc-workstation-hall') ?? undefined;
  if (!training) return HallConnection.open({ hallUrl: '', storage: sessionStorage, hallCode });
  const { LocalHallClient } = await import('@yichuang/hall/local.js');
  const hall = new LocalHallClient({ hall: 'TJHP01', databaseName: 'yichuang-training-hall' });
  await hall.seedDemo();
  return new HallConnection(hall, await WorkstationStore.open({ name: 'yichuang-training' }));
}

/** A person's page: the door, then the desk of the person's role, the frame with the status, lock and sign-out. */
export async function startStaff(route: RouteName | undefined): Promise<void> {
  const training = trainingMode();
  if (training) {
    document.body.classList.add('training');
    document.getElementById('training')!.hidden = false;
  }
  heading(route, training);
  const { hall, store, session, sync } = await connect(training);
  let catalog: ReturnType<typeof hallCatalog> | undefined;

  const login = document.createElement('yc-clerk-login');
  login.session = session;
  login.window = localStorage.getItem('yc-workstation-window') ?? '';
  login.append(...gate.childNodes);
  gate.replaceChildren(login);

  const status = document.getElementById('status') as HTMLElementTagNameMap['yc-sync-status'];
  status.source = { status$: sync.status$, parked: () => store.outbox.parked() };
  const lock = document.getElementById('lock')!;
  const signOut = document.getElementById('sign-out')!;
  lock.addEventListener('click', () => session.lock());
  signOut.addEventListener('click', () => void session.signOut());
  // Activity and Ctrl+L on the whole page are the door's to watch (it locks the session).

  const props = (): WorkstationProps => {
    const state = session.state;
    return {
      hall,
      store,
      training,
      hallCode: state.hall ?? '',
      hallName,
      window: state.window,
      clerk: state.user,
      clerkName: state.name,
      catalog: (catalog ??= hallCatalog(hall, store)),
      statusBase: `${location.origin}/status/`,
      domElement: desk,
    };
  };
  // A desk mounts once its person is in, and stays (hidden) while the screen is locked; after a reload on a locked
  // session it waits for the password, as its store does.
  let opened = false;
  const active = () => session.state.phase === 'active' || (session.state.phase === 'locked' && opened);
  for (const name of ['window', 'assist', 'remote', 'board'] as const) {
    registerApplication({
      name,
      app: deskOf(name),
      activeWhen: (place) => routeOf(place.pathname) === name && active() && mayOpen(roleOf(session.state), name),
      customProps: props,
    });
  }

  let shown: SessionState['phase'] | undefined;
  session.state$.subscribe((state) => {
    const working = state.phase === 'active';
    gate.hidden = working;
    desk.hidden = !working;
    desk.inert = !working;
    // The frame (the hall's name and the page, the page's heading) always; the person's part once someone is in.
    frame.hidden = false;
    person.hidden = !(working || state.phase === 'locked');
    lock.hidden = signOut.hidden = !working;
    who.textContent = state.user ? personLine(state) : '';
    showDesks(state);
    if (state.phase === shown) return;
    shown = state.phase;
    if (working) {
      opened = true;
      if (state.window) localStorage.setItem('yc-workstation-window', state.window);
      if (state.hall && !training) localStorage.setItem('yc-workstation-hall', state.hall);
      // A person stays on a desk of their role they opened, else goes to the desk this PC served last (the helper
      // window's PC opens the helper desk), else home.
      const role = roleOf(state);
      const here = routeOf(location.pathname);
      const last = routeOf(localStorage.getItem(LAST_DESK) ?? '');
      const target = here && mayOpen(role, here) ? here : last && mayOpen(role, last) ? last : homeOf(role);
      if (target && target !== here) navigateToUrl(WORKSTATION_ROUTES[target].path);
      else triggerAppChange();
    } else if (state.phase === 'signed-out') {
      opened = false;
      catalog = undefined;
      if (routeOf(location.pathname)) navigateToUrl('/');
      else triggerAppChange();
    }
  });
  addEventListener('single-spa:routing-event', () => {
    const route = routeOf(location.pathname);
    heading(route, training);
    showDesks(session.state);
    if (route && session.state.phase === 'active' && mayOpen(roleOf(session.state), route)) {
      localStorage.setItem(LAST_DESK, WORKSTATION_ROUTES[route].path);
    }
  });
  start({ urlRerouteOnly: true });
}

function roleOf(state: SessionState): 'clerk' | 'manager' {
  return state.role ?? 'clerk';
}
