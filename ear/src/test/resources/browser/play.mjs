// Plays a page of Inlet's browser player in Debian's headless Chromium and reports what the viewer saw.
// Usage: node play.mjs <player page URL> <seconds to watch after the first frame>
// Prints key=value lines: firstFrameMs (navigation start to first picture), played (seconds the video's
// currentTime advanced while watched), latency.p50/.max (hls.js's live latency), engine, size, then one
// error=... line per hls.js error. Exits 0 when the page played at all, 1 otherwise, 2 on bad usage.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, secondsArg] = process.argv.slice(2);
const watchSeconds = Number(secondsArg);
if (!url || !(watchSeconds > 0)) {
  console.error('usage: node play.mjs <player page URL> <seconds>');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'inlet-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
let exitCode = 1;
try {
  const page = browser.pages()[0] || await browser.newPage();
  page.on('console', (message) => console.error('console.' + message.type() + ': ' + message.text()));
  page.on('response', (response) => {
    if (response.status() >= 400) {
      console.error('http ' + response.status() + ' ' + response.url());
    }
  });
  page.on('pageerror', (error) => console.log('error=page:' + error.message));
  await page.goto(url);
  await page.waitForFunction(() => window.inletPlayer
      && (window.inletPlayer.firstFrameMs !== null || window.inletPlayer.errors.some((e) => e.fatal)),
  null, { timeout: 20000, polling: 100 });
  const start = await page.evaluate(() => ({ time: document.getElementById('video').currentTime,
    firstFrameMs: window.inletPlayer.firstFrameMs }));
  const latencies = [];
  // a page that failed (the stream is not live) has nothing to watch
  const deadline = start.firstFrameMs === null ? 0 : Date.now() + watchSeconds * 1000;
  while (Date.now() < deadline) {
    await page.waitForTimeout(500);
    const latency = await page.evaluate(() => window.inletPlayer.latency);
    if (typeof latency === 'number' && latency > 0) {
      latencies.push(latency);
    }
  }
  const end = await page.evaluate(() => {
    const video = document.getElementById('video');
    return { time: video.currentTime, width: video.videoWidth, height: video.videoHeight,
      engine: window.inletPlayer.engine, errors: window.inletPlayer.errors,
      dropped: video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality().droppedVideoFrames : -1 };
  });
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : -1);
  console.log('engine=' + end.engine);
  console.log('firstFrameMs=' + (start.firstFrameMs === null ? -1 : Math.round(start.firstFrameMs)));
  console.log('played=' + (end.time - start.time).toFixed(3));
  console.log('size=' + end.width + 'x' + end.height);
  console.log('droppedFrames=' + end.dropped);
  console.log('latency.samples=' + latencies.length);
  console.log('latency.p50=' + at(0.5).toFixed(3));
  console.log('latency.max=' + at(1).toFixed(3));
  for (const error of end.errors) {
    console.error('hls.js error ' + error.type + ':' + error.details + ' at ' + Math.round(error.at - start.firstFrameMs)
        + ' ms after the first frame, ' + (error.bufferAhead ?? 0).toFixed(3) + ' s buffered ahead'
        + (error.url ? ', ' + error.url : ''));
    console.log('error=' + error.type + ':' + error.details + (error.fatal ? ':fatal' : '')
        + (error.status ? ':' + error.status : ''));
  }
  exitCode = start.firstFrameMs === null ? 1 : 0;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
