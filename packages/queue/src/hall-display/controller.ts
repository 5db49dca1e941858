import type { Subscription } from 'rxjs';
import { Announcer, type AnnouncerOptions, type VoiceEngine } from '@yichuang/devices';
import { queueMsg, spokenWindow } from '../i18n/messages.js';
import type { QueueCall, QueueFeed } from '../feed/queue-feed.js';

/**
 * What a hall display does besides drawing: it says every call aloud, "请 A012 号到 5 号窗口办理", one
 * announcement at a time (a later call of the same window replaces one not yet begun), after a chime, repeated.
 * DOM-free: the element hands it the feed and a voice engine.
 */
export class HallDisplayController {
  readonly announcer: Announcer;
  #subscription?: Subscription;

  constructor(
    readonly feed: QueueFeed,
    voice: VoiceEngine,
    options: AnnouncerOptions = {},
  ) {
    this.announcer = new Announcer(voice, options);
  }

  /** Follows the hall and announces its calls. */
  start(): Promise<void> {
    this.#subscription ??= this.feed.calls$.subscribe((call) => void this.announce(call));
    return this.feed.start();
  }

  /** Announces one call (also what a "say it again" button does). */
  announce(call: QueueCall): Promise<void> {
    return this.announcer.announce({
      key: call.window,
      utterances: [
        {
          text: queueMsg('zh-CN', 'voice.call', { number: call.ticket.number, window: spokenWindow(call.window) }),
          lang: 'zh-CN',
        },
      ],
    });
  }

  stop(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    this.announcer.dispose();
  }
}
