// Glass-to-glass latency in Debian's headless Chromium, for bench/hls-latency.sh. The publisher burns its wall clock
// (milliseconds mod 2^24, one 24x24 block per bit, white = 1, along the top edge, bit 0 leftmost) into every
// picture; this reads it back from the frames the video element presents and subtracts it from the browser's clock
// (same machine, same clock). Works with any page whose <video id="video"> plays the stream and which keeps
// window.inletPlayer (Inlet's /play/ page, served by Inlet or copied next to nginx's HLS).
// Usage: node latency.mjs <page URL> <seconds> <label>. Prints one line: RESULT label=... key=value...
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, secondsArg, label] = process.argv.slice(2);
const seconds = Number(secondsArg);
if (!url || !(seconds > 0) || !label) {
  console.error('usage: node latency.mjs <page URL> <seconds> <label>');
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), 'inlet-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = context.pages()[0] || await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.inletPlayer && window.inletPlayer.firstFrameMs !== null, null,
    { timeout: 30000, polling: 100 });
  const firstFrameMs = await page.evaluate(() => window.inletPlayer.firstFrameMs);
  const measured = await page.evaluate(async (watchMs) => {
    const video = document.getElementById('video');
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = 24;
    const context2d = canvas.getContext('2d', { willReadFrequently: true });
    const samples = [];
    const unreadable = { count: 0 };
    const hlsLatency = [];
    let stalls = 0;
    video.addEventListener('waiting', () => { stalls++; });
    const scale = video.videoWidth / 640; // the bar is drawn for a 640-wide picture
    const decode = () => {
      context2d.drawImage(video, 0, 0, video.videoWidth, 24, 0, 0, video.videoWidth, 24);
      const pixels = context2d.getImageData(0, 0, video.videoWidth, 24).data;
      let value = 0;
      for (let bit = 0; bit < 24; bit++) {
        let sum = 0;
        for (let dy = 8; dy < 16; dy += 2) {
          for (let dx = 8; dx < 16; dx += 2) {
            const x = Math.floor((bit * 24 + dx) * scale);
            sum += pixels[(dy * video.videoWidth + x) * 4 + 1]; // green follows luma
          }
        }
        if (sum / 16 > 128) {
          value += 2 ** bit;
        }
      }
      return value;
    };
    await new Promise((resolve) => {
      const end = performance.now() + watchMs;
      let frames = 0;
      const onFrame = () => {
        const now = Date.now();
        if (frames++ % 5 === 0) {
          const burned = decode();
          let delay = (now % 2 ** 24) - burned;
          if (delay < 0) {
            delay += 2 ** 24;
          }
          if (delay < 60000) {
            samples.push(delay);
          } else {
            unreadable.count++;
          }
          if (window.inletPlayer.hls && window.inletPlayer.hls.latency > 0) {
            hlsLatency.push(window.inletPlayer.hls.latency * 1000);
          }
        }
        if (performance.now() < end) {
          video.requestVideoFrameCallback(onFrame);
        } else {
          resolve();
        }
      };
      video.requestVideoFrameCallback(onFrame);
    });
    return { samples, unreadable: unreadable.count, hlsLatency, stalls, errors: window.inletPlayer.errors.length };
  }, seconds * 1000);
  const quantile = (values, q) => {
    if (!values.length) {
      return -1;
    }
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  };
  console.log(`RESULT label=${label} samples=${measured.samples.length} unreadable=${measured.unreadable}`
    + ` g2g_p50_ms=${quantile(measured.samples, 0.5)} g2g_p95_ms=${quantile(measured.samples, 0.95)}`
    + ` g2g_max_ms=${quantile(measured.samples, 1)} hlsjs_latency_p50_ms=${quantile(measured.hlsLatency, 0.5)}`
    + ` first_frame_ms=${Math.round(firstFrameMs)} stalls=${measured.stalls} hlsjs_errors=${measured.errors}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
