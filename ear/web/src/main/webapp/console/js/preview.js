// The live preview: the stream's LL-HLS played by hls.js (loaded on first use), muted. HLS is always on in Inlet,
// so every stream Chromium can decode previews this way; HEVC, which it cannot, says so instead of a black box.

import * as api from './api.js';
import { h } from './dom.js';
import { HLS_JS, script } from './vendor.js';

const RETRY_MS = 2000;

export function preview(code, admin) {
  const video = h('video', { id: 'preview-video', muted: true, autoplay: true, playsInline: true, controls: true,
    'aria-label': `Live preview of ${code}` });
  video.muted = true;
  const note = h('p.hint', { id: 'preview-note', role: 'status' }, 'Not live.');
  const element = h('div.preview', {}, video, note);
  let hls = null;
  let wanted = false;
  let privateStream = false;
  let retry = null;
  let closed = false;

  async function source() {
    const base = new URL(`../live/${encodeURIComponent(code)}/index.m3u8`, document.baseURI);
    if (privateStream && admin) {
      // the console's own short-lived token: a private stream is refused to readers without one
      const token = await api.post(`streams/${encodeURIComponent(code)}/play-tokens`, { ttlSeconds: 3600 });
      base.search = token.query;
    }
    return base.href;
  }

  async function start() {
    if (hls || closed) {
      return;
    }
    if (privateStream && !admin) {
      note.textContent = 'Private stream: previewing it needs a play token, which only an admin can issue.';
      return;
    }
    try {
      await script(HLS_JS);
    } catch (e) {
      note.textContent = `The player could not be loaded: ${e.message}`;
      return;
    }
    if (!window.Hls.isSupported()) {
      note.textContent = 'This browser has no Media Source Extensions: no preview.';
      return;
    }
    let url;
    try {
      url = await source();
    } catch (e) {
      note.textContent = `No preview: ${e.title || e.message}`;
      return;
    }
    if (!wanted || closed || hls) {
      return;
    }
    hls = new window.Hls({ lowLatencyMode: true, manifestLoadingMaxRetry: 2 });
    hls.on(window.Hls.Events.ERROR, (event, data) => {
      if (!data.fatal) {
        return;
      }
      console.warn(`hls.js: ${data.type} ${data.details}`);
      note.textContent = data.details === 'manifestIncompatibleCodecsError' || data.details === 'bufferAddCodecError'
        ? 'This browser cannot decode the stream\'s codec (HEVC?): no preview.'
        : `Preview interrupted (${data.details}); retrying.`;
      stop();
      if (wanted && !data.details.includes('Codec')) {
        retry = setTimeout(start, RETRY_MS);
      }
    });
    hls.on(window.Hls.Events.MANIFEST_PARSED, () => {
      note.textContent = 'Live, muted: unmute with the player\'s controls.';
      video.play().catch(() => { /* autoplay of a muted video is allowed; a refusal leaves the play button */ });
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    note.textContent = 'Starting…';
  }

  function stop() {
    clearTimeout(retry);
    if (hls) {
      hls.destroy();
      hls = null;
    }
  }

  return {
    element,
    live(isLive, isPrivate) {
      if (isPrivate !== privateStream) {
        privateStream = isPrivate;
        stop();
      }
      wanted = isLive;
      if (isLive) {
        start();
      } else {
        stop();
        video.removeAttribute('src');
        note.textContent = 'Not live.';
      }
    },
    close() {
      closed = true;
      wanted = false;
      stop();
    },
  };
}
