// A person's page: the door (sign-in, take-over, lock), then the desk of the person's role in the frame with the
// connection and sync status, lock and sign-out.
import { navigateToUrl, registerApplication, start, triggerAppChange } from 'single-spa';
import { HttpHallClient, type HallClient } from '@yichuang/hall-client';
import { SyncEngine, WorkstationStore } from '@yichuang/store';
import {
  WorkstationSession,
  hallCatalog,
  homeOf,
  routeOf,
  WORKSTATION_ROUTES,
  type RouteName,
  type SessionState,
  type WorkstationProps,
} from '@yichuang/shell';
import '@yichuang/shell/define.js';
import { DESKS, desk, gate, hallName, heading } from './page.js';

const frame = document.getElementById('frame')!;
const who = document.getElementById('who')!;

/** A person's page: the door, then the desk of the person's role, the frame with the status, lock and sign-out. */
export async function startStaff(route: RouteName | undefined): Promise<void> {
  heading(route);
  const store = await WorkstationStore.open();
  const hall = new HttpHallClient({ baseUrl: '', session: WorkstationSession.saved(sessionStorage) });
  const session = new WorkstationSession({ hall, store, storage: sessionStorage });
  const sync = new SyncEngine(store, hall);
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
  for (const type of ['keydown', 'pointerdown', 'touchstart']) {
    document.addEventListener(type, () => session.noteActivity(), { passive: true, capture: true });
  }
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey && event.key.toLowerCase() === 'l') {
      event.preventDefault();
      session.lock();
    }
  });
  addEventListener('online', () => void session.reconnect().then(() => sync.syncNow().catch(() => undefined)));

  const props = (): WorkstationProps => {
    const state = session.state;
    return {
      hall: hall as HallClient,
      store,
      hallCode: hall.session?.hall ?? '',
      hallName,
      window: state.window,
      clerk: state.user,
      clerkName: state.name,
      catalog: (catalog ??= hallCatalog(hall, store)),
      statusBase: `${location.origin}/status/`,
      domElement: desk,
    };
  };
  const active = () => session.state.phase === 'active' || session.state.phase === 'locked';
  for (const name of ['window', 'board'] as const) {
    registerApplication({
      name,
      app: DESKS[name],
      activeWhen: (place) => routeOf(place.pathname) === name && active() && homeOf(roleOf(session.state)) === name,
      customProps: props,
    });
  }

  let shown: SessionState['phase'] | undefined;
  session.state$.subscribe((state) => {
    const working = state.phase === 'active';
    gate.hidden = working;
    desk.hidden = !working;
    desk.inert = !working;
    frame.hidden = !(working || state.phase === 'locked');
    lock.hidden = signOut.hidden = !working;
    who.textContent = state.user
      ? state.role === 'manager'
        ? `${state.name ?? state.user} · 管理员`
        : `${state.name ?? state.user} · ${state.window ?? ''} 号窗口${state.offline ? '（离线登录）' : ''}`
      : '';
    if (state.phase === shown) return;
    shown = state.phase;
    if (working) {
      if (state.window) localStorage.setItem('yc-workstation-window', state.window);
      sync.start();
      const home = homeOf(roleOf(state));
      if (home && routeOf(location.pathname) !== home) navigateToUrl(WORKSTATION_ROUTES[home].path);
      else triggerAppChange();
    } else if (state.phase === 'signed-out') {
      void sync.stop();
      catalog = undefined;
      if (routeOf(location.pathname)) navigateToUrl('/');
      else triggerAppChange();
    }
  });
  addEventListener('single-spa:routing-event', () => heading(routeOf(location.pathname)));
  start({ urlRerouteOnly: true });
}

function roleOf(state: SessionState): 'clerk' | 'manager' {
  return state.role ?? 'clerk';
}
