// Plays an HTTP-FLV URL with mpegts.js in Node, the way a browser page would: mpegts.createPlayer,
// attachMediaElement, load, play. The only fakes are the browser objects Node lacks — a <video>
// element and Media Source Extensions — and the fake SourceBuffers keep what mpegts.js appends:
// per track, its fMP4 init segment followed by its media segments, written as <out>/video.mp4 and
// <out>/audio.mp4 for ffprobe.
//
// usage: node play.mjs <url> <output directory> <seconds to play>
// exit 0: both tracks received; 2: mpegts.js reported an error; 3: a track is missing.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [url, outDir, seconds] = process.argv.slice(2);
if (!url || !outDir || !(Number(seconds) > 0)) {
    console.error('usage: node play.mjs <url> <output directory> <seconds to play>');
    process.exit(64);
}

const appended = { video: [], audio: [] };
const noRanges = { length: 0, start() { throw new RangeError('empty'); }, end() { throw new RangeError('empty'); } };

class CapturingSourceBuffer extends EventTarget {
    constructor(mimeType) {
        super();
        this.track = mimeType.startsWith('video/') ? 'video' : 'audio';
        this.updating = false;
        this.buffered = noRanges;
        this.timestampOffset = 0;
    }

    appendBuffer(data) {
        // copied, as a SourceBuffer does: the caller may reuse its buffer
        const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
            : new Uint8Array(data);
        appended[this.track].push(Buffer.from(bytes));
        this.#completeLater();
    }

    remove() {
        this.#completeLater();
    }

    abort() {
    }

    // a real SourceBuffer finishes asynchronously; mpegts.js appends the next segment on 'updateend'
    #completeLater() {
        this.updating = true;
        setTimeout(() => {
            this.updating = false;
            this.dispatchEvent(new Event('updateend'));
        }, 0);
    }
}

class CapturingMediaSource extends EventTarget {
    static isTypeSupported(type) {
        return /avc1|mp4a/.test(type);
    }

    constructor() {
        super();
        this.readyState = 'closed';
        this.duration = NaN;
        this.sourceBuffers = [];
    }

    addSourceBuffer(mimeType) {
        const buffer = new CapturingSourceBuffer(mimeType);
        this.sourceBuffers.push(buffer);
        return buffer;
    }

    removeSourceBuffer(buffer) {
        this.sourceBuffers = this.sourceBuffers.filter(b => b !== buffer);
    }

    endOfStream() {
        this.readyState = 'ended';
        this.dispatchEvent(new Event('sourceended'));
    }
}

// object URLs of media sources, as URL.createObjectURL hands them to <video>.src in a browser
const mediaSources = new Map();
const createBlobUrl = URL.createObjectURL;
URL.createObjectURL = source => {
    if (!(source instanceof CapturingMediaSource)) {
        return createBlobUrl(source);
    }
    const objectUrl = `blob:mediasource/${mediaSources.size + 1}`;
    mediaSources.set(objectUrl, source);
    return objectUrl;
};
URL.revokeObjectURL = objectUrl => mediaSources.delete(objectUrl);

class HTMLVideoElement extends EventTarget {
    currentTime = 0;
    readyState = 0;
    paused = true;
    buffered = noRanges;
    srcObject = null;
    #src = '';

    get src() {
        return this.#src;
    }

    // attaching a MediaSource opens it, as the browser does once the element has loaded it
    set src(value) {
        this.#src = value;
        const source = mediaSources.get(value);
        if (source) {
            setTimeout(() => {
                source.readyState = 'open';
                source.dispatchEvent(new Event('sourceopen'));
            }, 0);
        }
    }

    removeAttribute() {
    }

    load() {
    }

    play() {
        this.paused = false;
        return Promise.resolve();
    }

    pause() {
        this.paused = true;
    }
}

globalThis.self = globalThis;
globalThis.window = globalThis;
globalThis.MediaSource = CapturingMediaSource;
globalThis.HTMLVideoElement = HTMLVideoElement;
if (typeof globalThis.navigator === 'undefined') {
    globalThis.navigator = { userAgent: `Node.js/${process.version}` };
}

// loaded after the shims: the bundle reads these globals while it initialises
const mpegts = createRequire(import.meta.url)('mpegts.js');
mpegts.LoggingControl.enableDebug = false;
mpegts.LoggingControl.enableVerbose = false;

if (!mpegts.isSupported()) {
    console.error('mpegts.js does not see H.264 MSE playback support');
    process.exit(2);
}
const player = mpegts.createPlayer({ type: 'flv', isLive: true, url }, { enableWorker: false });
player.on(mpegts.Events.ERROR, (type, detail, info) => {
    console.error(`mpegts.js error: ${type} ${detail} ${JSON.stringify(info)}`);
    process.exit(2);
});
player.on(mpegts.Events.MEDIA_INFO, info => {
    console.log(`media info: ${info.mimeType} ${info.width}x${info.height}`);
});
player.attachMediaElement(new HTMLVideoElement());
player.load();
player.play();

setTimeout(() => {
    player.unload();
    player.detachMediaElement();
    player.destroy();
    mkdirSync(outDir, { recursive: true });
    let missing = false;
    for (const [track, segments] of Object.entries(appended)) {
        const bytes = Buffer.concat(segments);
        writeFileSync(join(outDir, `${track}.mp4`), bytes);
        console.log(`${track}: ${segments.length} segments appended, ${bytes.length} bytes`);
        missing ||= segments.length < 2; // the init segment and at least one media segment
    }
    process.exit(missing ? 3 : 0);
}, Number(seconds) * 1000);
