// The workstation's own elements in Chromium: the door (sign-in, take-over, lock), the status bar, the window desk.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { BehaviorSubject } from 'rxjs';
import { generateRecoveryKeyPair, type ParkedMutation, type SyncStatus } from '@yichuang/store';
import '@yichuang/shell/define.js';
import { IntakeSession } from '@yichuang/intake';
import {
  WorkstationSession,
  connectionOf,
  type ClerkLogin,
  type SyncStatusBar,
  type WindowDesk,
} from '@yichuang/shell';
import { freshLocalHall, until } from '../../hall/test/local-hall-support.js';
import { Stores } from '../../store/test/support/fixtures.js';

const inside = <E extends HTMLElement = HTMLElement>(element: Element, selector: string) =>
  element.shadowRoot!.querySelector<E>(selector);

const status = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'idle',
  pending: 0,
  parked: 0,
  lastSuccessAt: undefined,
  error: undefined,
  running: true,
  leader: true,
  retryAt: undefined,
  ...patch,
});

describe('<yc-clerk-login>', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('signs a clerk in from the keyboard, then shows nothing; is accessible', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    const login = await fixture<ClerkLogin>(html`<yc-clerk-login .session=${session} window="01"></yc-clerk-login>`);
    await expect(login).to.be.accessible();
    // The first empty field has the focus: the account.
    expect(login.shadowRoot!.activeElement?.getAttribute('name')).to.equal('user');
    await sendKeys({ type: 'clerk01' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'yichuang-demo' });
    expect(inside<HTMLInputElement>(login, 'input[name="window"]')!.value).to.equal('01');
    await sendKeys({ press: 'Enter' });
    await until(() => session.state.phase === 'active');
    await login.updateComplete;
    expect(login.shadowRoot!.querySelector('form')).to.equal(null);
    // Ctrl+L anywhere on the page locks.
    document.body.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyL' });
    await sendKeys({ up: 'Control' });
    await until(() => session.state.phase === 'locked');
  });

  it('says why a sign-in failed and moves the focus to it', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    const login = await fixture<ClerkLogin>(html`<yc-clerk-login .session=${session}></yc-clerk-login>`);
    inside<HTMLInputElement>(login, 'input[name="user"]')!.value = 'clerk01';
    inside<HTMLInputElement>(login, 'input[name="password"]')!.value = 'wrong';
    inside<HTMLInputElement>(login, 'input[name="window"]')!.value = '01';
    inside<HTMLFormElement>(login, 'form')!.requestSubmit();
    await until(() => inside(login, '[part="problem"]') !== null);
    expect(login.shadowRoot!.activeElement).to.equal(inside(login, '[part="problem"]'));
    await expect(login).to.be.accessible();
  });

  it('asks before taking a window over, and shows the lock screen with the person and window', async () => {
    const hall = await freshLocalHall();
    await hall.as('clerk');
    const store = await stores.open({ unlock: false });
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    const login = await fixture<ClerkLogin>(html`<yc-clerk-login .session=${session}></yc-clerk-login>`);
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    await login.updateComplete;
    const taken = inside(login, '[part="taken"]')!;
    expect(taken.textContent).to.contain('01 号窗口已有人登录');
    expect(login.shadowRoot!.activeElement?.textContent?.trim()).to.equal('接管 01 号窗口');
    await expect(login).to.be.accessible();
    (login.shadowRoot!.activeElement as HTMLButtonElement).click();
    await until(() => session.state.phase === 'active');
    session.lock();
    await login.updateComplete;
    expect(inside(login, '[part="form"]')!.textContent).to.contain('王晓雨 · 01 号窗口');
    expect(login.shadowRoot!.activeElement?.getAttribute('name')).to.equal('password');
    await expect(login).to.be.accessible();
    inside<HTMLInputElement>(login, 'input[name="password"]')!.value = 'yichuang-demo';
    inside<HTMLFormElement>(login, 'form')!.requestSubmit();
    await until(() => session.state.phase === 'active');
  });
});

describe('<yc-clerk-login> after a password reset', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('asks for the recovery key file, says when none is chosen, and opens this PC’s cases with it', async function () {
    this.timeout(60_000);
    const key = await generateRecoveryKeyPair();
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    await store.unlock('clerk01', 'before-the-reset', { recoveryKey: key.publicKey });
    store.lock();
    const session = new WorkstationSession({ hall: hall.client(), store, lockAfterMs: 0 });
    const login = await fixture<ClerkLogin>(html`<yc-clerk-login .session=${session}></yc-clerk-login>`);
    await session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    await login.updateComplete;
    const form = inside<HTMLFormElement>(login, '[part="recovery"]')!;
    expect(form.textContent).to.contain('恢复本机的办件');
    expect(login.shadowRoot!.activeElement?.getAttribute('name')).to.equal('key');
    await expect(login).to.be.accessible();
    form.requestSubmit();
    await login.updateComplete;
    expect(form.querySelector('[role="alert"]')!.textContent).to.equal('请选择恢复密钥文件。');
    const files = new DataTransfer();
    files.items.add(new File([JSON.stringify(key.privateKey)], 'hall-recovery.json', { type: 'application/json' }));
    form.querySelector<HTMLInputElement>('input[type="file"]')!.files = files.files;
    form.requestSubmit();
    await until(() => session.state.phase === 'active');
    expect(store.user).to.equal('clerk01');
  });
});

describe('<yc-sync-status>', () => {
  it('says the connection in words, counts what waits, and lists the parked records with their reasons', async () => {
    const status$ = new BehaviorSubject(status({ pending: 3 }));
    const parked: ParkedMutation[] = [
      {
        id: 'm1',
        kind: 'case.save',
        record: 'c1',
        label: 'TJHP01-20261207-01-0001',
        code: 'invalid',
        message: '办件内容有误',
        issues: ['applicant.idNumber: 校验位不对'],
        at: new Date().toISOString(),
        attempts: 2,
      } as ParkedMutation,
    ];
    const bar = await fixture<SyncStatusBar>(
      html`<yc-sync-status .source=${{ status$, parked: async () => parked }}></yc-sync-status>`,
    );
    expect(inside(bar, '[part="connection"]')!.textContent).to.contain('已连接大厅');
    expect(inside(bar, '[part="pending"]')!.textContent).to.contain('待同步 3 件');
    expect(inside(bar, '[part="parked"]')).to.equal(null);
    status$.next(status({ state: 'offline', pending: 4, parked: 1 }));
    await bar.updateComplete;
    expect(inside(bar, '[part="connection"]')!.textContent).to.contain('离线');
    await expect(bar).to.be.accessible();
    inside<HTMLButtonElement>(bar, '[part="parked"]')!.click();
    await until(() => inside<HTMLDialogElement>(bar, 'dialog')!.open);
    const list = inside(bar, '[part="list"]')!.textContent!;
    expect(list).to.contain('TJHP01-20261207-01-0001');
    expect(list).to.contain('办件内容有误');
    expect(list).to.contain('applicant.idNumber: 校验位不对');
    expect(list).to.contain('已尝试 2 次');
    await sendKeys({ press: 'Escape' });
    await until(() => !inside<HTMLDialogElement>(bar, 'dialog')!.open);
  });

  it('a browser that knows it is offline is offline, even with nothing to send', () => {
    expect(connectionOf('idle', false)).to.equal('offline');
    expect(connectionOf('idle', true)).to.equal('idle');
    expect(connectionOf('backoff', false)).to.equal('backoff');
  });
});

describe('<yc-window-desk>', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('shows the caller and the intake, moves between tabs from the keyboard, and loads a tab when it opens', async () => {
    const hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const store = await stores.open({ unlock: false });
    await store.unlock('clerk01', 'yichuang-demo');
    const desk = await fixture<WindowDesk>(
      html`<yc-window-desk
        .client=${clerk}
        .store=${store}
        hall="TJHP01"
        window="01"
        clerk="clerk01"
      ></yc-window-desk>`,
    );
    await until(() => inside(desk, 'yc-intake') !== null);
    expect(inside(desk, 'yc-queue-caller')).to.not.equal(null);
    expect(inside(desk, 'yc-tolerance-ledger')).to.equal(null);
    inside(desk, '#tab-intake')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => inside(desk, 'yc-tolerance-ledger') !== null);
    expect(desk.tab).to.equal('ledger');
    expect(desk.shadowRoot!.activeElement?.id).to.equal('tab-ledger');
    expect(inside(desk, '#panel-intake')!.hidden).to.equal(true);
    // The intake under way stays in the page while another tab is open.
    expect(inside(desk, '#panel-intake yc-intake')).to.not.equal(null);
    await sendKeys({ press: 'End' });
    await until(() => inside(desk, 'yc-result-handover') !== null);
    await sendKeys({ press: 'Home' });
    expect(desk.tab).to.equal('intake');
    await sendKeys({ press: 'ArrowLeft' });
    expect(desk.tab).to.equal('handover');
    await expect(desk).to.be.accessible();
  });

  it('resumes the intake this clerk left open at this window (a reload, a new version), and no one else’s', async () => {
    const hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const store = await stores.open();
    const mine = await IntakeSession.start(store, { hall: 'TJHP01', window: '01', clerk: 'clerk01' });
    await mine.close();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const elsewhere = await IntakeSession.start(store, { hall: 'TJHP01', window: '02', clerk: 'clerk01' });
    await elsewhere.close();
    const desk = await fixture<WindowDesk>(
      html`<yc-window-desk
        .client=${clerk}
        .store=${store}
        hall="TJHP01"
        window="01"
        clerk="clerk01"
      ></yc-window-desk>`,
    );
    await until(() => inside(desk, 'yc-intake') !== null);
    expect(inside(desk, 'yc-intake')!.getAttribute('draft-id')).to.equal(mine.draftId);
  });

  it('in training, the intake prints its documents marked void', async () => {
    const hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const store = await stores.open();
    const desk = await fixture<WindowDesk>(
      html`<yc-window-desk .client=${clerk} .store=${store} hall="TJHP01" window="01" training></yc-window-desk>`,
    );
    await until(() => inside(desk, 'yc-intake') !== null);
    expect(inside<HTMLElement & { training: boolean }>(desk, 'yc-intake')!.training).to.equal(true);
  });

  it('a called number becomes the intake’s ticket; after a case is taken in, the next number opens a new intake', async () => {
    const hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const store = await stores.open({ unlock: false });
    await store.unlock('clerk01', 'yichuang-demo');
    const desk = await fixture<WindowDesk>(
      html`<yc-window-desk
        .client=${clerk}
        .store=${store}
        hall="TJHP01"
        window="01"
        clerk="clerk01"
      ></yc-window-desk>`,
    );
    await until(() => inside(desk, 'yc-intake') !== null);
    const first = inside(desk, 'yc-intake')!;
    const called = (id: string) =>
      inside(desk, 'yc-queue-caller')!.dispatchEvent(
        new CustomEvent('yc-ticket-called', {
          detail: { window: '01', ticket: { id } },
          bubbles: true,
          composed: true,
        }),
      );
    desk.tab = 'ledger';
    called('T1');
    await desk.updateComplete;
    expect(desk.tab).to.equal('intake');
    expect(first.getAttribute('ticket-id')).to.equal('T1');
    called('T2');
    await desk.updateComplete;
    expect(inside(desk, 'yc-intake')).to.equal(first);
    first.dispatchEvent(new CustomEvent('yc-intake-complete', { bubbles: true, composed: true }));
    called('T3');
    await desk.updateComplete;
    const second = inside(desk, 'yc-intake')!;
    expect(second).to.not.equal(first);
    expect(second.getAttribute('ticket-id')).to.equal('T3');
  });
});
