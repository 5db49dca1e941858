import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@yichuang/shell/define.js';
import { HallError, type HallClient, type Login, type Session } from '@yichuang/hall-client';
import { WorkstationSession, type ClerkLogin } from '@yichuang/shell';
import { storyStore } from './support/intake-scenes.js';

/** The state a story puts the door in, through the session's own commands. */
type LoginScene = 'form' | 'wrong-password' | 'taken' | 'locked';

interface LoginArgs {
  scene: LoginScene;
  locale: string;
}

/** A hall that knows one clerk (clerk03, 赵敏, window 03); `taken`: window 03 has a live session elsewhere. */
function storyHall(taken: boolean): HallClient {
  let session: Session | undefined;
  const hall = {
    get session() {
      return session;
    },
    async login(login: Login) {
      if (!('user' in login) || login.password !== 'story-secret') {
        throw new HallError('账号或密码不对', 'unauthenticated', 401);
      }
      if (taken && !login.takeOver) throw new HallError('03 号窗口已有人登录', 'conflict', 409);
      session = {
        token: 'story',
        role: 'clerk',
        subject: 'clerk03',
        name: '赵敏',
        hall: 'TJHP01',
        window: '03',
        windows: ['03'],
        expiresAt: '2099-01-01T00:00:00.000Z',
      };
      return session;
    },
    async logout() {
      session = undefined;
    },
    async recoveryKey() {
      return undefined;
    },
  };
  return hall as unknown as HallClient;
}

const played = new WeakSet<Element>();

function play(args: LoginArgs) {
  return (element: Element | undefined) => {
    const view = element as ClerkLogin | undefined;
    if (!view || played.has(view)) return;
    played.add(view);
    view.dataset.scene = 'pending';
    void (async () => {
      const store = await storyStore(`yc-story-login-${args.scene}`, true);
      store.lock();
      const session = new WorkstationSession({
        hall: storyHall(args.scene === 'taken'),
        store,
        lockAfterMs: 0,
        locale: args.locale === 'en-US' ? 'en-US' : 'zh-CN',
      });
      view.session = session;
      if (args.scene === 'wrong-password') await session.signIn({ user: 'clerk03', password: 'nope', window: '03' });
      if (args.scene === 'taken') await session.signIn({ user: 'clerk03', password: 'story-secret', window: '03' });
      if (args.scene === 'locked') {
        await session.signIn({ user: 'clerk03', password: 'story-secret', window: '03' });
        session.lock();
      }
      await view.updateComplete;
    })().finally(() => delete view.dataset.scene);
  };
}

/**
 * `<yc-clerk-login>`: the workstation's door. The hall is a small one in memory that knows clerk03 (password
 * `story-secret`); the store is a real workstation store. Every story is rendered and checked by axe.
 */
const meta: Meta<LoginArgs> = {
  title: 'Workstation/Sign-in',
  component: 'yc-clerk-login',
  args: { scene: 'form', locale: 'zh-CN' },
  argTypes: {
    scene: { control: false },
    locale: { control: 'inline-radio', options: ['zh-CN', 'en-US'] },
  },
  render: (args) => html`
    <yc-clerk-login window="03" locale=${args.locale} ${ref(play(args))}>
      <p>演示账号：clerk03，密码 story-secret。</p>
    </yc-clerk-login>
  `,
};
export default meta;

type Story = StoryObj<LoginArgs>;

/** The form: account, password and the window this PC usually is. */
export const SignIn: Story = {};

/** A wrong password: said in the hall's words, the focus on it. */
export const WrongPassword: Story = { args: { scene: 'wrong-password' } };

/** The window has a live session elsewhere: take it over, or go back. */
export const WindowTaken: Story = { args: { scene: 'taken' } };

/** The lock screen: who and which window, the password to unlock, sign-out. */
export const Locked: Story = { args: { scene: 'locked' } };

/** The form in English. */
export const English: Story = { args: { locale: 'en-US' } };
