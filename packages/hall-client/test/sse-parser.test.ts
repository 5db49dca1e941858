import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { SseParser, type SseMessage } from '@yichuang/hall-client';

interface Parsed {
  events: SseMessage[];
  retries: number[];
  comments: string[];
  /** Ids set by blocks without data. */
  ids: string[];
}

/** Parses a stream given as chunks. */
function parse(chunks: readonly string[], end = true): Parsed {
  const out: Parsed = { events: [], retries: [], comments: [], ids: [] };
  const parser = new SseParser({
    event: (message) => out.events.push(message),
    retry: (ms) => out.retries.push(ms),
    comment: (text) => out.comments.push(text),
    id: (lastEventId) => out.ids.push(lastEventId),
  });
  for (const chunk of chunks) parser.push(chunk);
  if (end) parser.end();
  return out;
}

/** The text cut at the given positions. */
function cut(text: string, positions: readonly number[]): string[] {
  const points = [...new Set(positions.map((p) => Math.min(p, text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const message = (data: string, lastEventId = '', type = 'message'): SseMessage => ({ type, data, lastEventId });

describe('SseParser', () => {
  it('joins data lines with LF and strips one leading space', () => {
    expect(parse(['data: YHOO\ndata: +2\ndata: 10\n\n']).events).to.deep.equal([message('YHOO\n+2\n10')]);
    expect(parse(['data:  two spaces\n\n']).events).to.deep.equal([message(' two spaces')]);
    expect(parse(['data:no space\n\n']).events).to.deep.equal([message('no space')]);
  });

  it('follows the standard’s example stream: comments, ids, an id reset', () => {
    const stream = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n';
    const { events, comments } = parse([stream]);
    expect(events).to.deep.equal([
      message('first event', '1'),
      message('second event', ''),
      message(' third event', ''),
    ]);
    expect(comments).to.deep.equal([' test stream']);
  });

  it('dispatches an empty data line, and drops an event the stream ends in', () => {
    expect(parse(['data\n\ndata\ndata\n\ndata:']).events).to.deep.equal([message(''), message('\n')]);
    expect(parse(['data: never finished\n']).events).to.deep.equal([]);
  });

  it('reads the event type, which resets after each event, and keeps the last id across events', () => {
    const { events } = parse(['event: ticket.called\nid: 7\ndata: {"a":1}\n\ndata: plain\n\n']);
    expect(events).to.deep.equal([message('{"a":1}', '7', 'ticket.called'), message('plain', '7')]);
  });

  it('sets the id even for an event without data, and ignores an id with NUL', () => {
    const parser = parse(['id: 5\n\nid: 6\u0000x\ndata: after\n\n']);
    expect(parser.events).to.deep.equal([message('after', '5')]);
    expect(parser.ids).to.deep.equal(['5']);
  });

  it('reports an id sent without data (where a stream stands), but not a block without an id', () => {
    const stream = 'retry: 1000\nid: 42\n\n: heartbeat\n\nretry: 5\n\nid: 43\ndata: x\n\nid\n\n';
    const parsed = parse([stream]);
    expect(parsed.ids).to.deep.equal(['42', '']);
    expect(parsed.events).to.deep.equal([message('x', '43')]);
    const parser = new SseParser({ event: () => undefined });
    parser.push('id: 42\n\n'); // without an id handler: still the last event id
    expect(parser.lastEventId).to.equal('42');
    parser.push('id: 43\n'); // not dispatched yet
    expect(parser.lastEventId).to.equal('42');
  });

  it('takes retry with digits only, and ignores unknown fields', () => {
    const { retries, events } = parse(['retry: 2000\nretry: 5s\nretry:\nfoo: bar\nretry: 0\ndata: x\n\n']);
    expect(retries).to.deep.equal([2000, 0]);
    expect(events).to.deep.equal([message('x')]);
  });

  it('ends lines with LF, CRLF or CR, mixed', () => {
    expect(parse(['data: a\r\ndata: b\rdata: c\n\r\n']).events).to.deep.equal([message('a\nb\nc')]);
    expect(parse(['data: a\r\rdata: b\r\r']).events).to.deep.equal([message('a'), message('b')]);
  });

  it('reads a CRLF split across two chunks as one line end', () => {
    // Read as two line ends, the LF would be an empty line and dispatch "a" alone.
    expect(parse(['data: a\r', '\ndata: b\r\n\r\n']).events).to.deep.equal([message('a\nb')]);
    expect(parse(['data: a\r', '', '\n', 'data: b\r', '\r']).events).to.deep.equal([message('a\nb')]);
  });

  it('skips a byte-order mark at the start of the stream only', () => {
    expect(parse(['\uFEFFdata: a\n\n']).events).to.deep.equal([message('a')]);
    expect(parse(['', '\uFEFF', 'data: a\n\n']).events).to.deep.equal([message('a')]);
    expect(parse(['data: \uFEFFa\n\n']).events).to.deep.equal([message('\uFEFFa')]);
    // A second BOM is not skipped: it makes the field name "\uFEFFdata", which is unknown.
    expect(parse(['\uFEFF\uFEFFdata: a\n\n']).events).to.deep.equal([]);
  });

  it('reads a new stream after end(), keeping the last event id', () => {
    const seen: SseMessage[] = [];
    const parser = new SseParser({ event: (m) => seen.push(m) });
    parser.push('id: 3\ndata: one\n\ndata: cut off');
    parser.end();
    parser.push('\uFEFFdata: two\n\n');
    expect(seen).to.deep.equal([message('one', '3'), message('two', '3')]);
    expect(parser.lastEventId).to.equal('3');
  });

  it('gives the same events wherever a tricky stream is cut, once or twice', () => {
    const stream =
      '\uFEFF: hi\r\nretry: 100\rid: 1\nevent: a\r\ndata: x:y\r\ndata\r\r\ndata:  z\n\nid: 2\r\n\r\ndata: é漢😀\r\r';
    const whole = parse([stream]);
    expect(whole.events).to.have.length(3);
    for (let i = 0; i <= stream.length; i++) {
      expect(parse(cut(stream, [i])), `cut at ${i}`).to.deep.equal(whole);
      for (let j = i; j <= stream.length; j++) {
        expect(parse(cut(stream, [i, j])), `cut at ${i}, ${j}`).to.deep.equal(whole);
      }
    }
  });

  it('parses any stream of events the same, whatever its line ends and wherever it is cut (fast-check)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s));
    const eventArb = fc.record({
      type: fc.option(
        line.filter((s) => s !== ''),
        { nil: undefined },
      ),
      id: fc.option(
        line.filter((s) => !s.includes('\0')),
        { nil: undefined },
      ),
      data: fc.array(line, { maxLength: 4 }),
      comment: fc.option(line, { nil: undefined }),
      spaced: fc.boolean(),
    });
    const endings = fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 6 }),
        endings,
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 10 }),
        (events, lineEnds, bom, cuts) => {
          // Write the stream, and what a conforming reader must make of it.
          const lines: string[] = [];
          const expected: SseMessage[] = [];
          let lastId = '';
          for (const event of events) {
            if (event.comment !== undefined) lines.push(`:${event.comment}`);
            if (event.type !== undefined) lines.push(`event: ${event.type}`);
            for (const data of event.data) lines.push(event.spaced ? `data: ${data}` : `data:${data}`);
            if (event.id !== undefined) lines.push(`id: ${event.id}`);
            lines.push('');
            if (event.id !== undefined) lastId = event.id;
            // `data:x` with x starting with a space loses that space, as the standard says.
            const values = event.data.map((d) => (!event.spaced && d.startsWith(' ') ? d.slice(1) : d));
            if (event.data.length > 0) expected.push(message(values.join('\n'), lastId, event.type ?? 'message'));
          }
          let text = bom ? '\uFEFF' : '';
          let previous = '';
          lines.forEach((content, i) => {
            let end = lineEnds[i % lineEnds.length]!;
            // A CR then an LF-ended empty line would read as one CRLF: the writer must not produce that.
            if (previous === '\r' && content === '' && end === '\n') end = '\r\n';
            text += content + end;
            previous = end;
          });
          const { events: parsed } = parse(
            cut(
              text,
              cuts.map((c) => c % (text.length + 1)),
            ),
          );
          expect(parsed).to.deep.equal(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});
