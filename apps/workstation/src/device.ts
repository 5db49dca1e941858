// A device page (kiosk, call screen, rating pad): the enrolment token logs the device in, then its desk mounts alone.
import { registerApplication, start } from 'single-spa';
import { HttpHallClient } from '@yichuang/hall-client';
import type { RouteName, WorkstationProps } from '@yichuang/shell';
import { WORKSTATION_ROUTES } from '@yichuang/shell/routes.js';
import { DESKS, desk, hallName, heading, say } from './page.js';

/** A device page: the token logs the device in, then its desk mounts alone, without the frame. */
export async function startDevice(route: RouteName): Promise<void> {
  heading(route);
  const frame = document.getElementById('frame')!;
  frame.classList.add('device');
  frame.hidden = false;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return say('本页面需要设备令牌：请在地址后加上 #token=设备令牌（由大厅管理员登记设备时给出）。');
  const hall = new HttpHallClient({ baseUrl: '' });
  try {
    const session = await hall.login({ deviceToken: token });
    if (!(WORKSTATION_ROUTES[route].roles as readonly string[]).includes(session.role)) {
      return say('这个设备令牌不是本页面的设备的。');
    }
  } catch (error) {
    return say(`设备登录没有成功：${error instanceof Error ? error.message : String(error)}`);
  }
  desk.hidden = false;
  const props: WorkstationProps = {
    hall,
    hallName,
    window: hall.session?.window,
    muted: new URLSearchParams(location.search).has('muted'),
    domElement: desk,
  };
  registerApplication({ name: route, app: DESKS[route], activeWhen: () => true, customProps: () => props });
  start({ urlRerouteOnly: true });
}
