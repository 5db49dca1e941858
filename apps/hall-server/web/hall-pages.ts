// The hall's own pages (served by the hall server under /hall/): the kiosk, the call screen, a window's caller and
// its rating pad, the manager's board, each one Yichuang element on the hall server's origin. A device page logs in with the device
// token in the address's fragment (`#token=…`, never sent to a server by the browser); the caller and the board ask for the person's login.
import '@yichuang/queue/define.js';
import '@yichuang/evaluation/define.js';
import { HttpHallClient } from '@yichuang/hall-client';
import { BrowserTicketPrinter } from '@yichuang/devices';

const page = document.body.dataset.page;
const hallName = document.body.dataset.hallName ?? '';
const root = document.querySelector('main')!;
const hall = new HttpHallClient({ baseUrl: location.origin });
const token = new URLSearchParams(location.hash.slice(1)).get('token');

function say(text: string): void {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'problem';
  message.textContent = text;
  root.replaceChildren(message);
}

async function device(): Promise<boolean> {
  if (!token) {
    say('本页面需要设备令牌：请在地址后加上 #token=设备令牌（由大厅管理员登记设备时给出）。');
    return false;
  }
  try {
    await hall.login({ deviceToken: token });
    return true;
  } catch (error) {
    say(`设备登录没有成功：${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** A staff page: the login form logs the person in (at the window it names, if any), then mounts the element. */
function staffLogin(mount: (window: string | undefined) => HTMLElement): void {
  const form = document.querySelector<HTMLFormElement>('form#login')!;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const window = data.has('window') ? String(data.get('window')) : undefined;
    const login = { user: String(data.get('user')), password: String(data.get('password')) };
    hall
      .login(window === undefined ? login : { ...login, window, takeOver: true })
      .then(() => root.replaceChildren(mount(window)))
      .catch((error: unknown) => {
        form.querySelector('[role="alert"]')!.textContent = error instanceof Error ? error.message : String(error);
      });
  });
}

async function start(): Promise<void> {
  switch (page) {
    case 'kiosk': {
      if (!(await device())) return;
      const kiosk = document.createElement('yc-ticket-kiosk');
      kiosk.hallName = hallName;
      kiosk.client = hall;
      kiosk.printer = new BrowserTicketPrinter();
      root.replaceChildren(kiosk);
      break;
    }
    case 'display': {
      if (!(await device())) return;
      const display = document.createElement('yc-hall-display');
      display.heading = hallName;
      display.muted = new URLSearchParams(location.search).has('muted');
      display.client = hall;
      root.replaceChildren(display);
      break;
    }
    case 'pad': {
      if (!(await device())) return;
      const pad = document.createElement('yc-rating-pad');
      pad.client = hall;
      root.replaceChildren(pad);
      break;
    }
    case 'caller':
      staffLogin((window) => {
        const caller = document.createElement('yc-queue-caller');
        caller.window = window!;
        caller.client = hall;
        caller.globalShortcuts = true;
        return caller;
      });
      break;
    case 'board':
      staffLogin(() => {
        const board = document.createElement('yc-queue-board');
        board.heading = hallName;
        board.client = hall;
        return board;
      });
      break;
  }
}

void start();
