/**
 * An incremental parser of the `text/event-stream` format, as the HTML standard defines it ("Server-sent events",
 * §9.2.6 "Interpreting an event stream"): lines end with CRLF, LF or CR (a CRLF split across two chunks is one line
 * end); a leading byte-order mark is skipped; `:` starts a comment; `data` lines accumulate with LF between them;
 * `id` (without NUL) sets the last event id, which persists from event to event; `event` sets the type (default
 * `message`); `retry` with only ASCII digits sets the reconnection time; an empty line dispatches; an event still
 * incomplete when the stream ends is dropped. A block with an `id` but no data dispatches no event, yet still sets
 * the last event id (reported through {@link SseHandlers.id}). Text in, events out: decode bytes with a streaming
 * `TextDecoder`.
 * @module
 */

/** One dispatched event. */
export interface SseMessage {
  /** The `event` field, or `message`. */
  type: string;
  /** The `data` lines joined with LF. */
  data: string;
  /** The last event id at dispatch time (`''` if none was ever set). */
  lastEventId: string;
}

/** Receives what the parser finds. */
export interface SseHandlers {
  /** An event was dispatched. */
  event(message: SseMessage): void;
  /** The stream asked for this reconnection time, in milliseconds. */
  retry?(ms: number): void;
  /** A comment line (text after the colon), e.g. a heartbeat. */
  comment?(text: string): void;
  /**
   * A block with an `id` field but no data ended: no event is dispatched, but the last event id is now
   * `lastEventId` (a server telling where the stream stands, e.g. `id: 42` right after it opens).
   */
  id?(lastEventId: string): void;
}

const LINE_END = /[\r\n]/g;

/** Parses an event stream pushed to it chunk by chunk, wherever the chunks are cut. */
export class SseParser {
  private _pending = '';
  private _afterCr = false;
  private _started = false;
  private _data = '';
  private _type = '';
  private _idBuffer = '';
  private _lastEventId = '';
  /** The block being read has an `id` field. */
  private _sawId = false;

  constructor(private readonly _handlers: SseHandlers) {}

  /** The last event id of the stream so far. */
  get lastEventId(): string {
    return this._lastEventId;
  }

  /** Parses the next piece of the stream's text. */
  push(chunk: string): void {
    let text = chunk;
    if (!this._started) {
      if (text.length === 0) return;
      this._started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    if (this._afterCr && text.length > 0) {
      // A CR ended the previous chunk: an LF right after it belongs to the same line end.
      if (text.charCodeAt(0) === 10) start = 1;
      this._afterCr = false;
    }
    LINE_END.lastIndex = start;
    for (let match = LINE_END.exec(text); match; match = LINE_END.exec(text)) {
      const end = match.index;
      const line = this._pending + text.slice(start, end);
      this._pending = '';
      start = end + 1;
      if (text.charCodeAt(end) === 13) {
        if (start < text.length) {
          if (text.charCodeAt(start) === 10) start += 1;
        } else {
          this._afterCr = true;
        }
      }
      LINE_END.lastIndex = start;
      this._line(line);
    }
    this._pending += text.slice(start);
  }

  /** The stream ended: an incomplete line or event is dropped. The parser can then read a new stream. */
  end(): void {
    this._pending = '';
    this._afterCr = false;
    this._started = false;
    this._data = '';
    this._type = '';
    this._sawId = false;
  }

  private _line(line: string): void {
    if (line === '') {
      this._dispatch();
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) {
      this._handlers.comment?.(line.slice(1));
      return;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this._type = value;
        break;
      case 'data':
        this._data += `${value}\n`;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this._idBuffer = value;
          this._sawId = true;
        }
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this._handlers.retry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored.
    }
  }

  private _dispatch(): void {
    this._lastEventId = this._idBuffer;
    const sawId = this._sawId;
    this._sawId = false;
    if (this._data === '') {
      this._type = '';
      if (sawId) this._handlers.id?.(this._lastEventId);
      return;
    }
    const message: SseMessage = {
      type: this._type === '' ? 'message' : this._type,
      data: this._data.slice(0, -1),
      lastEventId: this._lastEventId,
    };
    this._data = '';
    this._type = '';
    this._handlers.event(message);
  }
}
