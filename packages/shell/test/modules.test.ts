// The desks as single-spa lifecycles (application, parcel, qiankun micro-app), the routes, and the catalog kept for
// offline.
import { expect } from '@open-wc/testing';
import { mountRootParcel } from 'single-spa';
import type { CatalogSnapshot } from '@yichuang/hall-client';
import {
  boardModule,
  elementLifecycles,
  hallCatalog,
  homeOf,
  mayOpen,
  routesOf,
  assistModule,
  remoteModule,
  routeOf,
  routeTitle,
  WORKSTATION_ROUTES,
  type WorkstationProps,
} from '@yichuang/shell';
import { demoCatalog } from '@yichuang/demo-catalog';
import { freshLocalHall } from '../../hall/test/local-hall-support.js';
import { Stores } from '../../store/test/support/fixtures.js';

class TestDesk extends HTMLElement {
  heading = '';
}
customElements.define('yc-test-desk', TestDesk);

const testDesk = () => {
  let loads = 0;
  const lifecycles = elementLifecycles<TestDesk>({
    tag: 'yc-test-desk',
    load: async () => {
      loads += 1;
    },
    configure: (desk, props) => {
      desk.heading = String(props.heading ?? '');
    },
  });
  return { lifecycles, loads: () => loads };
};

describe('elementLifecycles', () => {
  it('mounts into a parcel’s element, updates it, and takes it out again; loads once', async () => {
    const { lifecycles, loads } = testDesk();
    const place = document.createElement('div');
    document.body.append(place);
    await lifecycles.bootstrap({});
    await lifecycles.mount({ domElement: place, heading: '一号' });
    expect(place.querySelector<TestDesk>('yc-test-desk')!.heading).to.equal('一号');
    await lifecycles.update({ domElement: place, heading: '二号' });
    expect(place.querySelector<TestDesk>('yc-test-desk')!.heading).to.equal('二号');
    await lifecycles.unmount({ domElement: place });
    expect(place.children.length).to.equal(0);
    expect(loads()).to.equal(1);
    place.remove();
  });

  it('mounts as single-spa parcels, several at once, each in its own place', async () => {
    const { lifecycles } = testDesk();
    const places = [document.createElement('div'), document.createElement('div')];
    document.body.append(...places);
    const parcels = places.map((domElement, i) => mountRootParcel(lifecycles, { domElement, heading: `第${i}个` }));
    await Promise.all(parcels.map((parcel) => parcel.mountPromise));
    expect(places.map((place) => place.querySelector<TestDesk>('yc-test-desk')?.heading)).to.deep.equal([
      '第0个',
      '第1个',
    ]);
    await parcels[0]!.unmount();
    expect(places[0]!.children.length).to.equal(0);
    expect(places[1]!.children.length).to.equal(1);
    await parcels[1]!.unmount();
    for (const place of places) place.remove();
  });

  it('mounts into a qiankun host’s container (or its [data-yc-mount]), and into a place of its own as an application', async () => {
    const { lifecycles } = testDesk();
    const container = document.createElement('div');
    container.innerHTML = '<header>host</header><section data-yc-mount></section>';
    document.body.append(container);
    // qiankun mounts a micro-app as a parcel of a detached element of its own: the host's container wins.
    const detached = document.createElement('div');
    await lifecycles.mount({ container, domElement: detached });
    expect(container.querySelector('[data-yc-mount] yc-test-desk')).to.not.equal(null);
    expect(detached.children.length).to.equal(0);
    await lifecycles.unmount({ container, domElement: detached });
    expect(container.querySelector('yc-test-desk')).to.equal(null);
    container.remove();

    await lifecycles.mount({ name: 'window' });
    const made = document.getElementById('single-spa-application:window')!;
    expect(made.querySelector('yc-test-desk')).to.not.equal(null);
    await lifecycles.unmount({ name: 'window' });
    expect(document.getElementById('single-spa-application:window')).to.equal(null);
  });

  it('a definition that fails to load fails the mount, and the next mount tries again', async () => {
    let attempts = 0;
    const lifecycles = elementLifecycles({
      tag: 'yc-test-desk',
      load: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('network');
      },
      configure: () => undefined,
    });
    const place = document.createElement('div');
    let failed: unknown;
    await lifecycles.mount({ domElement: place }).catch((error: unknown) => (failed = error));
    expect((failed as Error).message).to.equal('network');
    await lifecycles.mount({ domElement: place });
    expect(place.children.length).to.equal(1);
    expect(attempts).to.equal(2);
  });

  it('the board module mounts a live <yc-queue-board> for the hall it is given', async () => {
    const hall = await freshLocalHall();
    const manager = await hall.as('manager');
    const place = document.createElement('div');
    document.body.append(place);
    const props: WorkstationProps = { hall: manager, hallName: '和平区政务服务中心', domElement: place };
    await boardModule.bootstrap(props);
    await boardModule.mount(props);
    const board = place.querySelector('yc-queue-board')!;
    expect(board.client).to.equal(manager);
    expect(board.heading).to.equal('和平区政务服务中心');
    await boardModule.unmount(props);
    expect(place.querySelector('yc-queue-board')).to.equal(null);
    place.remove();
  });
});

describe('workstation routes', () => {
  it('finds the route of a path and each person’s home', () => {
    expect(routeOf('/')).to.equal(undefined);
    expect(routeOf('/window')).to.equal('window');
    expect(routeOf('/window/case/1')).to.equal('window');
    expect(routeOf('/kiosk')).to.equal('kiosk');
    expect(routeOf('/windows')).to.equal(undefined);
    expect(homeOf('clerk')).to.equal('window');
    expect(homeOf('manager')).to.equal('board');
    expect(homeOf('kiosk')).to.equal(undefined);
    expect(WORKSTATION_ROUTES.kiosk.device).to.equal(true);
    expect(routeTitle('window')).to.equal('综合窗口');
    expect(routeTitle(undefined)).to.equal('工作台');
    expect(routeTitle('board', 'en-US', true)).to.equal('Training · Hall board');
  });

  it('lets a clerk open the window, helper and cross-province desks, a manager the board, a device no person’s route', () => {
    expect(routeOf('/assist')).to.equal('assist');
    expect(routesOf('clerk')).to.deep.equal(['window', 'assist', 'remote']);
    expect(routeTitle('remote')).to.equal('跨省通办');
    expect(routesOf('manager')).to.deep.equal(['board']);
    expect(routesOf('kiosk')).to.deep.equal([]);
    expect(mayOpen('clerk', 'assist')).to.equal(true);
    expect(mayOpen('manager', 'assist')).to.equal(false);
    expect(mayOpen('kiosk', 'kiosk')).to.equal(false);
    expect(routeTitle('assist')).to.equal('帮办代办');
  });

  it('the helper and cross-province desk modules mount their elements for the clerk, with the intake the helper hands over to', async () => {
    const hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const stores = new Stores();
    const store = await stores.open();
    const place = document.createElement('div');
    document.body.append(place);
    const props: WorkstationProps = {
      hall: clerk,
      store,
      hallCode: 'TJHP01',
      hallName: '和平区政务服务中心',
      window: '01',
      clerk: 'clerk01',
      training: true,
      domElement: place,
    };
    await assistModule.bootstrap(props);
    await assistModule.mount(props);
    const desk = place.querySelector('yc-assist-desk')!;
    expect(desk.helper).to.equal('clerk01');
    expect(desk.client).to.equal(clerk);
    expect(desk.training).to.equal(true);
    expect(customElements.get('yc-intake')).to.not.equal(undefined);
    await desk.updateComplete;
    expect(desk.controller).to.not.equal(undefined);
    await assistModule.unmount(props);
    expect(place.querySelector('yc-assist-desk')).to.equal(null);
    // The cross-province desk, the same way.
    await remoteModule.bootstrap(props);
    await remoteModule.mount(props);
    const remote = place.querySelector('yc-remote-intake')!;
    expect(remote.clerk).to.equal('clerk01');
    expect(remote.hall).to.equal('TJHP01');
    await remote.updateComplete;
    expect(remote.controller).to.not.equal(undefined);
    await remoteModule.unmount(props);
    place.remove();
    await stores.cleanup();
  });
});

describe('hallCatalog', () => {
  const stores = new Stores();
  afterEach(() => stores.cleanup());

  it('keeps the hall’s catalog on this PC and serves the kept one while the hall is away', async () => {
    const hall = await freshLocalHall();
    const clerk = await hall.as('clerk');
    const store = await stores.open({ unlock: false });
    const fresh = await hallCatalog(clerk, store);
    expect(fresh.items.length).to.equal(demoCatalog.items.length);
    expect((await store.catalog())?.version).to.be.a('string');
    // Nothing new: the kept one.
    expect((await hallCatalog(clerk, store)).items.length).to.equal(fresh.items.length);
    const away = { catalog: () => Promise.reject(new Error('offline')) };
    expect((await hallCatalog(away, store)).items.length).to.equal(fresh.items.length);
  });

  it('without the hall and without a kept catalog, says why', async () => {
    const store = await stores.open({ unlock: false });
    const away = { catalog: (): Promise<CatalogSnapshot | undefined> => Promise.reject(new Error('offline')) };
    let failed: unknown;
    await hallCatalog(away, store).catch((error: unknown) => (failed = error));
    expect((failed as Error).message).to.equal('offline');
  });
});
