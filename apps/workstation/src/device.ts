// A device page (kiosk, call screen, rating pad): the enrolment token logs the device in, then its desk mounts alone.
import { registerApplication, start } from 'single-spa';
import { HttpHallClient } from '@yichuang/hall-client';
import type { RouteName, WorkstationProps } from '@yichuang/shell';
import { WORKSTATION_ROUTES, shellMessage } from '@yichuang/shell/routes.js';
import { deskOf, desk, hallName, heading, say } from './page.js';

/** A device page: the token logs the device in, then its desk mounts alone, without the frame. */
export async function startDevice(route: RouteName): Promise<void> {
  heading(route);
  const frame = document.getElementById('frame')!;
  frame.classList.add('device');
  frame.hidden = false;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return say(shellMessage('zh-CN', 'device.token-missing'));
  const hall = new HttpHallClient({ baseUrl: '' });
  try {
    const session = await hall.login({ deviceToken: token });
    if (!(WORKSTATION_ROUTES[route].roles as readonly string[]).includes(session.role)) {
      return say(shellMessage('zh-CN', 'device.wrong-device'));
    }
  } catch (error) {
    return say(
      shellMessage('zh-CN', 'device.login-failed', { reason: error instanceof Error ? error.message : String(error) }),
    );
  }
  desk.hidden = false;
  const props: WorkstationProps = {
    hall,
    hallName,
    window: hall.session?.window,
    muted: new URLSearchParams(location.search).has('muted'),
    domElement: desk,
  };
  registerApplication({ name: route, app: deskOf(route), activeWhen: () => true, customProps: () => props });
  start({ urlRerouteOnly: true });
}
