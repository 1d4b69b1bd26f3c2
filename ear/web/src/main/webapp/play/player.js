// Plays /live/<stream>/index.m3u8 with hls.js (Safari: natively). Query: stream, ll=0 for plain HLS, token for
// private streams. What happened is kept in window.inletPlayer, for people (the status line) and for tests.
(function () {
  'use strict';
  const params = new URLSearchParams(window.location.search);
  const stream = params.get('stream');
  const lowLatency = params.get('ll') !== '0';
  const token = params.get('token');
  const video = document.getElementById('video');
  const status = document.getElementById('status');
  const state = { stream, lowLatency, errors: [], firstFrameMs: null, latency: null, engine: null };
  window.inletPlayer = state;

  document.getElementById('stream').value = stream || '';
  document.getElementById('ll').checked = lowLatency;
  document.getElementById('choose').addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    next.set('stream', document.getElementById('stream').value.trim());
    if (!document.getElementById('ll').checked) {
      next.set('ll', '0');
    }
    if (token) {
      next.set('token', token);
    }
    window.location.search = next.toString();
  });
  if (!stream) {
    status.textContent = 'Name a stream to play.';
    return;
  }

  // Time from navigation start to the first decoded picture: what a viewer waits for.
  const markFirstFrame = () => {
    if (state.firstFrameMs === null) {
      state.firstFrameMs = performance.now();
      status.textContent = 'Playing ' + stream + (lowLatency ? ' (low latency)' : '');
    }
  };
  if ('requestVideoFrameCallback' in video) {
    video.requestVideoFrameCallback(markFirstFrame);
  } else {
    video.addEventListener('playing', markFirstFrame, { once: true });
  }

  const bufferAhead = () => {
    const ranges = video.buffered;
    for (let i = 0; i < ranges.length; i++) {
      if (video.currentTime >= ranges.start(i) && video.currentTime <= ranges.end(i)) {
        return ranges.end(i) - video.currentTime;
      }
    }
    return 0;
  };

  let source = '../live/' + encodeURIComponent(stream) + '/index.m3u8';
  if (token) {
    source += '?token=' + encodeURIComponent(token);
  }
  status.textContent = 'Loading ' + stream + '…';

  if (window.Hls && window.Hls.isSupported()) {
    state.engine = 'hls.js ' + window.Hls.version;
    const hls = new window.Hls({ lowLatencyMode: lowLatency, liveDurationInfinity: true });
    hls.on(window.Hls.Events.ERROR, (event, data) => {
      state.errors.push({ type: data.type, details: data.details, fatal: data.fatal,
        status: data.response ? data.response.code : undefined, at: performance.now(),
        url: data.url || (data.frag && data.frag.url) || (data.context && data.context.url),
        bufferAhead: bufferAhead() });
      if (data.fatal) {
        status.textContent = (data.response && data.response.code === 404)
          ? stream + ' is not live.' : 'Playback failed: ' + data.details;
      }
    });
    setInterval(() => { state.latency = hls.latency; }, 250);
    hls.loadSource(source);
    hls.attachMedia(video);
    state.hls = hls;
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    state.engine = 'native';
    video.src = source;
    video.addEventListener('error', () => {
      state.errors.push({ type: 'media', details: video.error ? video.error.message : 'error', fatal: true });
      status.textContent = 'Playback failed.';
    });
  } else {
    state.errors.push({ type: 'unsupported', details: 'no Media Source Extensions and no native HLS', fatal: true });
    status.textContent = 'This browser cannot play HLS.';
  }
  video.play().catch(() => { /* autoplay of a muted video may still wait for the media */ });
}());
