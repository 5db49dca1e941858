import type { Role } from '@yichuang/hall-client';
import { msg, type ShellLocale } from './i18n/messages.js';

// The pages' own words, for a root config that loads no more of the shell than this module.
export { msg as shellMessage } from './i18n/messages.js';

/** A page of the workstation. */
export interface WorkstationRoute {
  /** The address path. */
  path: string;
  /** Who may open it: a signed-in person's role, or the device enrolled for it (by its token, no person). */
  roles: readonly Role[];
  /** A device page, opened with an enrolment token (`#token=…`), no clerk login. */
  device: boolean;
}

/**
 * The workstation's pages. The window desk, the helper desk (a clerk at a helper window) and the board are for people
 * (clerk, manager), the kiosk, the call screen and the rating pad for devices, which open from their enrolment token
 * without a login. A person's home is the first route of their role.
 */
export const WORKSTATION_ROUTES = {
  window: { path: '/window', roles: ['clerk'], device: false },
  assist: { path: '/assist', roles: ['clerk'], device: false },
  remote: { path: '/remote', roles: ['clerk'], device: false },
  board: { path: '/board', roles: ['manager'], device: false },
  kiosk: { path: '/kiosk', roles: ['kiosk'], device: true },
  display: { path: '/display', roles: ['display'], device: true },
  pad: { path: '/pad', roles: ['rating-pad'], device: true },
} as const satisfies Record<string, WorkstationRoute>;

export type RouteName = keyof typeof WORKSTATION_ROUTES;

/** What a route's page is called, in the hall's words (the start page's when `undefined`); marked in training. */
export function routeTitle(route: RouteName | undefined, locale: ShellLocale = 'zh-CN', training = false): string {
  const page = msg(locale, route ? `route.${route}` : 'route.start');
  return training ? msg(locale, 'route.training', { page }) : page;
}

/** The route of a path (`/window/…` is the window's), or `undefined` for the start page. */
export function routeOf(pathname: string): RouteName | undefined {
  const first = pathname.split('/').filter(Boolean)[0];
  return (Object.keys(WORKSTATION_ROUTES) as RouteName[]).find((name) => name === first);
}

/** Where a person goes after signing in: a clerk to the window desk, a manager to the board. */
export function homeOf(role: Role): RouteName | undefined {
  return routesOf(role)[0];
}

/** Whether a person of `role` may open a route (a person's route, not a device's). */
export function mayOpen(role: Role, route: RouteName): boolean {
  const entry: WorkstationRoute = WORKSTATION_ROUTES[route];
  return !entry.device && entry.roles.includes(role);
}

/** The person's routes of a role, home first: what the frame offers to switch between. */
export function routesOf(role: Role): RouteName[] {
  return (Object.keys(WORKSTATION_ROUTES) as RouteName[]).filter((name) => mayOpen(role, name));
}
