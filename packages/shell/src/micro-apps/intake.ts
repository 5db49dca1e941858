// The intake as a qiankun micro-app (its build is UMD: qiankun runs classic scripts, not modules). Inside the host's
// container: a <yc-provider> with the hall's address, the window and the catalog the host passes as props, the sign-in
// and the intake. The same lifecycles mount it as a single-spa application or parcel.
import { embeddedIntakeModule } from '../modules.js';

export const { bootstrap, mount, unmount, update } = embeddedIntakeModule;
