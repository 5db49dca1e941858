// What a district's page embeds: a <yc-provider hall-url=…> whose <yc-clerk-login> connects to a real hall server and
// hands the signed-in clerk's hall, store and window to the caller and the intake beside it; the intake as a
// micro-app's lifecycles; the connection that syncs while someone is signed in.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '@yichuang/shell/embed.js';
import '@yichuang/queue/define.js';
import '@yichuang/intake/define.js';
import { HallConnection, embeddedIntakeModule, type ClerkLogin } from '@yichuang/shell';
import type { YcProvider } from '@yichuang/ui';
import type { Intake } from '@yichuang/intake';
import type { QueueCaller } from '@yichuang/queue';
import { freshLocalHall, until } from '../../hall/test/local-hall-support.js';
import { Stores } from '../../store/test/support/fixtures.js';

const inside = <E extends HTMLElement = HTMLElement>(element: Element, selector: string) =>
  element.shadowRoot!.querySelector<E>(selector);

describe('HallConnection', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('syncs while someone is signed in, stops on sign-out, and leaves a store it was handed open', async () => {
    const hall = await freshLocalHall();
    const store = await stores.open({ unlock: false });
    const connection = new HallConnection(hall.client(), store, { lockAfterMs: 0 });
    expect(connection.session.workplace).to.equal(undefined);
    await connection.session.signIn({ user: 'clerk01', password: 'yichuang-demo', window: '01' });
    await until(() => connection.sync.status$ !== undefined);
    let running = false;
    const watching = connection.sync.status$.subscribe((status) => (running = status.running));
    await until(() => running);
    expect(connection.session.workplace).to.include({ hallCode: 'TJHP01', window: '01', clerk: 'clerk01' });
    expect(connection.session.workplace?.store).to.equal(store);
    await connection.session.signOut({ purge: false });
    await until(() => !running);
    watching.unsubscribe();
    connection.close();
    expect(store.db.isOpen()).to.equal(true);
  });

  it('opens its own store for a hall server’s address and closes it with itself', async () => {
    const connection = await HallConnection.open({
      hallUrl: 'http://127.0.0.1:9/',
      storeName: `yc-test-own-${Date.now()}`,
    });
    expect(connection.store.db.isOpen()).to.equal(true);
    connection.close();
    await until(() => !connection.store.db.isOpen());
    await connection.store.deleteDatabase().catch(() => undefined);
  });
});

describe('embedded in a page: provider, sign-in, caller and intake', () => {
  let started: { id: string; url: string };
  before(async () => {
    started = await executeServerCommand<{ id: string; url: string }, { seed: 'demo' }>('hall-start', { seed: 'demo' });
  });
  after(() => executeServerCommand('hall-dispose', { id: started.id }));
  beforeEach(() => sessionStorage.clear());

  it('the sign-in connects to the provider’s hall; the caller and the intake work for the clerk signed in', async function () {
    this.timeout(30_000);
    const provider = await fixture<YcProvider>(html`
      <yc-provider hall-url=${started.url} window="01">
        <yc-clerk-login></yc-clerk-login>
        <yc-queue-caller></yc-queue-caller>
        <yc-intake></yc-intake>
      </yc-provider>
    `);
    const login = provider.querySelector<ClerkLogin>('yc-clerk-login')!;
    await until(() => inside(login, 'input[name="user"]') !== null);
    expect(inside<HTMLInputElement>(login, 'input[name="window"]')!.value).to.equal('01');
    inside<HTMLInputElement>(login, 'input[name="user"]')!.value = 'clerk01';
    inside<HTMLInputElement>(login, 'input[name="password"]')!.value = 'yichuang-demo';
    inside<HTMLFormElement>(login, 'form')!.requestSubmit();
    await until(() => provider.workplace !== undefined);
    expect(provider.workplace).to.include({ hallCode: 'TJHP01', window: '01', clerk: 'clerk01', clerkName: '王晓雨' });
    await until(() => inside(login, '[part="signed-in"]') !== null);
    expect(inside(login, '[part="signed-in"]')!.textContent).to.contain('王晓雨 · 01 号窗口');
    expect(inside(login, 'yc-sync-status')).to.not.equal(null);
    await expect(login).to.be.accessible();

    // Neither the caller nor the intake was given a hall or a store.
    const caller = provider.querySelector<QueueCaller>('yc-queue-caller')!;
    await until(() => caller.controller?.window === '01');
    const intake = provider.querySelector<Intake>('yc-intake')!;
    await until(() => intake.controller !== undefined);

    // Locked: the provider's elements lose the workplace.
    inside<HTMLButtonElement>(login, '[part="signed-in"] button')!.click();
    await until(() => provider.workplace === undefined);
    await until(() => inside(login, '[part="form"]')?.textContent?.includes('屏幕已锁定') === true);

    // Taken out of the page: its connection closes its store.
    const store = login.session!.workplace?.store;
    expect(store).to.equal(undefined);
    provider.remove();
    await until(() => login.session === undefined);
  });

  it('without a hall address nor a session, shows nothing and connects nowhere', async () => {
    const provider = await fixture<YcProvider>(html`<yc-provider><yc-clerk-login></yc-clerk-login></yc-provider>`);
    const login = provider.querySelector<ClerkLogin>('yc-clerk-login')!;
    await login.updateComplete;
    expect(login.session).to.equal(undefined);
    expect(login.shadowRoot!.querySelector('form')).to.equal(null);
  });
});

describe('embeddedIntakeModule', () => {
  it('mounts a provider with the host’s settings, the sign-in and the intake, updates and unmounts them', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    await embeddedIntakeModule.bootstrap({ container });
    await embeddedIntakeModule.mount({ container, hallUrl: '/', window: '03', catalog: '/catalog.json' });
    const provider = container.querySelector('yc-provider')!;
    expect(provider.getAttribute('hall-url')).to.equal('/');
    expect(provider.getAttribute('window')).to.equal('03');
    expect([...provider.children].map((child) => child.localName)).to.deep.equal(['yc-clerk-login', 'yc-intake']);
    await embeddedIntakeModule.update({ container, hallUrl: '/', window: '05' });
    expect(provider.getAttribute('window')).to.equal('05');
    expect(provider.hasAttribute('catalog')).to.equal(false);
    expect(provider.children.length).to.equal(2);
    await embeddedIntakeModule.unmount({ container });
    expect(container.children.length).to.equal(0);
    container.remove();
  });
});
