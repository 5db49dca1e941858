import { expect } from '@open-wc/testing';
import {
  DocumentCameraError,
  SimulatedDocumentCamera,
  UserMediaDocumentCamera,
  drawnPage,
  type DocumentCamera,
  type DocumentCameraErrorReason,
} from '@yichuang/devices';

/** The reason of a capture that failed as a document camera's error, or the name of whatever else it threw. */
async function failure(capture: Promise<Blob>): Promise<string> {
  const error = await capture.then(
    () => new Error('captured'),
    (caught: unknown) => caught as Error,
  );
  return error instanceof DocumentCameraError ? `${error.name}:${error.reason}` : error.name;
}

/** The picture as a browser decodes it: fails unless the blob is a real JPEG. */
async function decoded(blob: Blob): Promise<{ type: string; width: number; height: number; bytes: number }> {
  const bitmap = await createImageBitmap(blob);
  const header = [...new Uint8Array(await blob.slice(0, 3).arrayBuffer())];
  expect(header, 'JPEG start-of-image marker').to.deep.equal([0xff, 0xd8, 0xff]);
  const facts = { type: blob.type, width: bitmap.width, height: bitmap.height, bytes: blob.size };
  bitmap.close();
  return facts;
}

/** The browser's cameras, with every stream they give kept for a look at its tracks. */
function watchedCameras(): { mediaDevices: Pick<MediaDevices, 'getUserMedia'>; streams: MediaStream[] } {
  const streams: MediaStream[] = [];
  return {
    streams,
    mediaDevices: {
      getUserMedia: async (constraints) => {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        streams.push(stream);
        return stream;
      },
    },
  };
}

const allEnded = (streams: MediaStream[]) =>
  streams.flatMap((stream) => stream.getTracks()).every((track) => track.readyState === 'ended');

describe('the camera of the browser (getUserMedia)', () => {
  it('captures a page as a JPEG the browser decodes, and turns the camera off after it', async function () {
    this.timeout(20_000);
    const { mediaDevices, streams } = watchedCameras();
    const camera = new UserMediaDocumentCamera({ mediaDevices, settleMs: 50, width: 640, height: 480 });
    const page = await decoded(await camera.capture());
    expect(page.type).to.equal('image/jpeg');
    expect([page.width, page.height]).to.deep.equal([640, 480]);
    expect(page.bytes).to.be.within(2_000, 2_000_000);
    expect(streams).to.have.length(1);
    expect(streams[0]!.getTracks()).to.have.length(1);
    expect(allEnded(streams), 'camera off after the page').to.equal(true);
    // The next page opens the camera anew, and closes it again.
    await decoded(await camera.capture());
    expect(streams).to.have.length(2);
    expect(allEnded(streams)).to.equal(true);
    camera.close();
  });

  it('takes one capture at a time, and closing stops the one in progress and refuses every later one', async function () {
    this.timeout(20_000);
    const { mediaDevices, streams } = watchedCameras();
    const camera = new UserMediaDocumentCamera({ mediaDevices, settleMs: 5_000 });
    const first = camera.capture();
    expect(await failure(camera.capture())).to.equal('DocumentCameraError:busy');
    // Let the camera open, then close it while it settles.
    for (let i = 0; i < 100 && streams.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    camera.close();
    expect(await failure(first)).to.equal('DocumentCameraError:closed');
    expect(streams).to.have.length(1);
    expect(allEnded(streams), 'camera off once closed').to.equal(true);
    expect(await failure(camera.capture())).to.equal('DocumentCameraError:closed');
  });

  it('stops when aborted, also while the camera is still opening, and leaves it off', async function () {
    this.timeout(20_000);
    const { mediaDevices, streams } = watchedCameras();
    const camera = new UserMediaDocumentCamera({ mediaDevices, settleMs: 5_000 });
    const stop = new AbortController();
    const opening = camera.capture({ signal: stop.signal });
    stop.abort(new DOMException('clerk moved on', 'AbortError'));
    expect(await failure(opening)).to.equal('AbortError');
    // The stream the camera gives after the abort is stopped as it arrives.
    for (let i = 0; i < 100 && streams.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(streams).to.have.length(1);
    expect(allEnded(streams)).to.equal(true);
    // The camera is free again.
    const again = new AbortController();
    const settling = camera.capture({ signal: again.signal });
    for (let i = 0; i < 100 && streams.length === 1; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    again.abort(new DOMException('clerk moved on', 'AbortError'));
    expect(await failure(settling)).to.equal('AbortError');
    expect(allEnded(streams)).to.equal(true);
    const aborted = new AbortController();
    aborted.abort(new DOMException('already', 'AbortError'));
    expect(await failure(camera.capture({ signal: aborted.signal }))).to.equal('AbortError');
    expect(streams).to.have.length(2);
  });

  it('names why no camera could be opened: none plugged in, refused, held by another program', async () => {
    const refusing = (name: string): Pick<MediaDevices, 'getUserMedia'> => ({
      getUserMedia: () => Promise.reject(new DOMException(`camera ${name}`, name)),
    });
    const cases: [string, DocumentCameraErrorReason][] = [
      ['NotFoundError', 'no-device'],
      ['OverconstrainedError', 'no-device'],
      ['NotAllowedError', 'denied'],
      ['SecurityError', 'denied'],
      ['NotReadableError', 'busy'],
    ];
    for (const [name, reason] of cases) {
      const camera = new UserMediaDocumentCamera({ mediaDevices: refusing(name) });
      const error = (await camera.capture().catch((caught: unknown) => caught)) as DocumentCameraError;
      expect([error.name, error.reason], name).to.deep.equal(['DocumentCameraError', reason]);
      expect((error.cause as DOMException).name).to.equal(name);
    }
    // A camera that does not exist on this PC.
    const missing = new UserMediaDocumentCamera({ deviceId: 'no-such-camera', settleMs: 0 });
    expect(await failure(missing.capture())).to.equal('DocumentCameraError:no-device');
    // Anything else is not the camera's to word.
    const broken = new UserMediaDocumentCamera({
      mediaDevices: { getUserMedia: () => Promise.reject(new TypeError('x')) },
    });
    expect(await failure(broken.capture())).to.equal('TypeError');
  });

  it('says the camera is missing when it is unplugged during the capture', async function () {
    this.timeout(20_000);
    const { mediaDevices, streams } = watchedCameras();
    const camera = new UserMediaDocumentCamera({ mediaDevices, settleMs: 5_000 });
    const capture = camera.capture();
    for (let i = 0; i < 100 && streams.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const [track] = streams[0]!.getVideoTracks();
    // What Chromium does when the device goes away: the track ends by itself.
    track!.dispatchEvent(new Event('ended'));
    expect(await failure(capture)).to.equal('DocumentCameraError:no-device');
    expect(allEnded(streams)).to.equal(true);
  });
});

describe('the simulated document camera', () => {
  it('gives real JPEG pages, each a little different, with the material named on it', async () => {
    const camera: DocumentCamera = new SimulatedDocumentCamera({ now: () => new Date('2026-12-07T01:30:00Z') });
    const first = await camera.capture({ label: '居民身份证' });
    const second = await camera.capture({ label: '居民身份证' });
    const page = await decoded(first);
    expect(page).to.include({ type: 'image/jpeg', width: 827, height: 1169 });
    expect(page.bytes).to.be.within(5_000, 1_000_000);
    const bytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer()).join();
    expect(await bytes(first)).not.to.equal(await bytes(second));
    expect((camera as SimulatedDocumentCamera).captured).to.equal(2);
    // Named pages differ from unnamed ones: the label is drawn.
    expect(await bytes(await drawnPage({ page: 1, date: new Date('2026-12-07T01:30:00Z') }))).not.to.equal(
      await bytes(first),
    );
  });

  it('fails with each reason it is told to, then captures again', async () => {
    const camera = new SimulatedDocumentCamera();
    for (const reason of ['no-device', 'denied', 'busy', 'closed'] as const) {
      camera.failWith(reason);
      expect(await failure(camera.capture())).to.equal(`DocumentCameraError:${reason}`);
    }
    expect(new DocumentCameraError('denied').message).to.equal('No page captured (denied)');
    camera.failWith(undefined);
    await decoded(await camera.capture());
    expect(camera.captured).to.equal(1);
  });

  it('takes one capture at a time, stops when aborted or closed, and refuses once closed', async () => {
    const camera = new SimulatedDocumentCamera({ captureMs: 200 });
    const first = camera.capture();
    expect(await failure(camera.capture())).to.equal('DocumentCameraError:busy');
    await first;
    const stop = new AbortController();
    const aborted = camera.capture({ signal: stop.signal });
    setTimeout(() => stop.abort(new DOMException('clerk moved on', 'AbortError')), 10);
    expect(await failure(aborted)).to.equal('AbortError');
    const closing = camera.capture();
    setTimeout(() => camera.close(), 10);
    expect(await failure(closing)).to.equal('DocumentCameraError:closed');
    expect(await failure(camera.capture())).to.equal('DocumentCameraError:closed');
    expect(camera.captured).to.equal(1);
  });
});
