/**
 * What single-spa (as an application or a parcel) and qiankun hand a module's lifecycles. Extra props (the
 * workstation's hall, store, window) ride along.
 */
export interface ModuleProps {
  /** The application's or parcel's name (single-spa). */
  name?: string;
  /** Where a parcel mounts (single-spa `mountParcel` / `mountRootParcel`). */
  domElement?: HTMLElement;
  /** Where a qiankun micro-app mounts: the host's container for it. */
  container?: HTMLElement;
  [prop: string]: unknown;
}

/** The lifecycle functions single-spa and qiankun call, each resolving once its step is done. */
export interface ModuleLifecycles<P extends ModuleProps = ModuleProps> {
  bootstrap(props: P): Promise<void>;
  mount(props: P): Promise<void>;
  unmount(props: P): Promise<void>;
  update(props: P): Promise<void>;
}

/** How a module's element is loaded and configured. */
export interface ElementModule<E extends HTMLElement, P extends ModuleProps> {
  /** The element's tag. */
  tag: string;
  /** Loads the element's definition (a dynamic import of the package's `define.js`), once, at bootstrap. */
  load: () => Promise<unknown>;
  /** Sets the element's properties from the props, at mount and at every update. */
  configure: (element: E, props: P) => void;
}

/**
 * The single-spa lifecycles of a module that is one Yichuang element: `bootstrap` loads its definition, `mount` puts a
 * new element into the place it is given — a qiankun host's `container`, a parcel's `domElement`, or the element
 * `#single-spa-application:<name>` (made at the end of `<body>` if the page has none) — `update` configures it anew,
 * `unmount` takes it out (its subscriptions end with it). The same lifecycles serve as an application, as a parcel
 * (mounted several times at once, each in its own place) and as a qiankun micro-app.
 */
export function elementLifecycles<E extends HTMLElement, P extends ModuleProps = ModuleProps>(
  module: ElementModule<E, P>,
): ModuleLifecycles<P> {
  const mounted = new Map<HTMLElement, E>();
  let loading: Promise<unknown> | undefined;
  const load = () =>
    (loading ??= module.load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return {
    async bootstrap() {
      await load();
    },
    async mount(props) {
      await load();
      const place = placeOf(props);
      mounted.get(place)?.remove();
      const element = document.createElement(module.tag) as E;
      module.configure(element, props);
      place.append(element);
      mounted.set(place, element);
    },
    async update(props) {
      const element = mounted.get(placeOf(props, false));
      if (element) module.configure(element, props);
    },
    async unmount(props) {
      const place = placeOf(props, false);
      mounted.get(place)?.remove();
      mounted.delete(place);
      // The place single-spa's application had made for it goes with it.
      if (place.dataset.ycMadeFor !== undefined) place.remove();
    },
  };
}

/**
 * Where a module mounts, by the props it was given. A qiankun host's container first: qiankun mounts a micro-app as a
 * single-spa parcel whose `domElement` is a detached element of its own, and passes the host's place as `container`.
 */
function placeOf(props: ModuleProps, make = true): HTMLElement {
  if (props.container) return props.container.querySelector<HTMLElement>('[data-yc-mount]') ?? props.container;
  if (props.domElement) return props.domElement;
  const id = `single-spa-application:${props.name ?? 'yichuang'}`;
  const found = document.getElementById(id);
  if (found || !make) return found ?? document.body;
  const made = document.createElement('div');
  made.id = id;
  made.dataset.ycMadeFor = props.name ?? '';
  document.body.append(made);
  return made;
}
