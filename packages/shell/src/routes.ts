import type { Role } from '@yichuang/hall-client';

/** A page of the workstation. */
export interface WorkstationRoute {
  /** The address path. */
  path: string;
  /** What the route is, in the hall's words. */
  title: string;
  /** Who may open it: a signed-in person's role, or the device enrolled for it (by its token, no person). */
  roles: readonly Role[];
  /** A device page, opened with an enrolment token (`#token=…`), no clerk login. */
  device: boolean;
}

/**
 * The workstation's pages. The window desk and the board are for people (clerk, manager), the kiosk, the call screen
 * and the rating pad for devices, which open from their enrolment token without a login.
 */
export const WORKSTATION_ROUTES = {
  window: { path: '/window', title: '综合窗口', roles: ['clerk'], device: false },
  board: { path: '/board', title: '大厅运行看板', roles: ['manager'], device: false },
  kiosk: { path: '/kiosk', title: '自助取号', roles: ['kiosk'], device: true },
  display: { path: '/display', title: '叫号大屏', roles: ['display'], device: true },
  pad: { path: '/pad', title: '窗口评价器', roles: ['rating-pad'], device: true },
} as const satisfies Record<string, WorkstationRoute>;

export type RouteName = keyof typeof WORKSTATION_ROUTES;

/** The route of a path (`/window/…` is the window's), or `undefined` for the start page. */
export function routeOf(pathname: string): RouteName | undefined {
  const first = pathname.split('/').filter(Boolean)[0];
  return (Object.keys(WORKSTATION_ROUTES) as RouteName[]).find((name) => name === first);
}

/** Where a person goes after signing in: a clerk to the window desk, a manager to the board. */
export function homeOf(role: Role): RouteName | undefined {
  return (Object.keys(WORKSTATION_ROUTES) as RouteName[]).find(
    (name) => !WORKSTATION_ROUTES[name].device && (WORKSTATION_ROUTES[name].roles as readonly Role[]).includes(role),
  );
}
