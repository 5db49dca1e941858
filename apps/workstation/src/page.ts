// What every page of the workstation shares: the hall's name, the places of the page, the desks by route.
import type { ModuleLifecycles, RouteName, WorkstationProps } from '@yichuang/shell';
import { WORKSTATION_ROUTES } from '@yichuang/shell/routes.js';

export const hallName = document.body.dataset.hallName || '一窗';
export const gate = document.getElementById('gate')!;
export const desk = document.getElementById('desk')!;

/** The desks single-spa composes, by route, each loaded when its route first opens. */
export const DESKS: Record<RouteName, () => Promise<ModuleLifecycles<WorkstationProps>>> = {
  window: () => import('@yichuang/shell/modules.js').then((shell) => shell.windowModule),
  board: () => import('@yichuang/shell/modules.js').then((shell) => shell.boardModule),
  kiosk: () => import('@yichuang/shell/modules.js').then((shell) => shell.kioskModule),
  display: () => import('@yichuang/shell/modules.js').then((shell) => shell.displayModule),
  pad: () => import('@yichuang/shell/modules.js').then((shell) => shell.padModule),
};

/** Says what keeps the page from working, in the gate. */
export function say(text: string): void {
  const problem = document.createElement('p');
  problem.className = 'problem';
  problem.setAttribute('role', 'alert');
  problem.textContent = text;
  gate.replaceChildren(problem);
  gate.hidden = false;
}

/** The page's heading and title for a route (marked in training). */
export function heading(route: RouteName | undefined, training = false): void {
  const page = `${training ? '练习 · ' : ''}${route ? WORKSTATION_ROUTES[route].title : '工作台'}`;
  document.getElementById('title')!.textContent = `${hallName} · ${page}`;
  document.title = `一窗 · ${page}`;
}
