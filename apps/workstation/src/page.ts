// What every page of the workstation shares: the hall's name, the places of the page, the desks by route.
import type { ModuleLifecycles, RouteName, WorkstationProps } from '@yichuang/shell';
import { routeTitle, shellMessage } from '@yichuang/shell/routes.js';

/** The hall's name, as the server wrote it into the page (the product's name before a hall has one). */
export const hallName = document.body.dataset.hallName || shellMessage('zh-CN', 'app.name');
export const gate = document.getElementById('gate')!;
export const desk = document.getElementById('desk')!;

/** The desk single-spa mounts for a route (`<route>Module` of the shell), loaded when its route first opens. */
export function deskOf(route: RouteName): () => Promise<ModuleLifecycles<WorkstationProps>> {
  return () => import('@yichuang/shell/modules.js').then((shell) => shell[`${route}Module`]);
}

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
  const page = routeTitle(route, 'zh-CN', training);
  document.getElementById('title')!.textContent = `${hallName} · ${page}`;
  document.title = shellMessage('zh-CN', 'app.title', { page });
}
