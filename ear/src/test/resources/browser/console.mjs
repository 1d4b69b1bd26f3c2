// Drives Inlet's operator console (/console/) in Debian's headless Chromium, as an operator would, and reports what
// happened as key=value lines (ConsoleBrowserIT asserts them). Encoders and players are real ffmpeg processes.
// Environment: ORIGIN (http://host:port), RTMP (rtmp://host:port), ADMIN_PASSWORD, VIEWER_USER, VIEWER_PASSWORD,
// DEMO_KEY, FFMPEG, OUT (directory for screenshots and logs). Exits 0 when the whole walk ran, 1 when a step failed
// (the failed step is printed as failed=<step>: <reason>).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = process.env;
const ORIGIN = env.ORIGIN;
const OUT = env.OUT;
const STREAM = 'console-e2e';
mkdirSync(OUT, { recursive: true });

const report = (key, value) => console.log(`${key}=${value}`);
const processes = [];
let step = 'start';

/** Starts ffmpeg (killed after `seconds` whatever happens) with its output in OUT/<name>.log. */
function ffmpeg(name, args, seconds) {
  const log = createWriteStream(join(OUT, `${name}.log`));
  const child = spawn(env.FFMPEG || 'ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'warning', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const deadline = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  child.done = false;
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    clearTimeout(deadline);
    child.done = true;
    resolve(code ?? signal);
  }));
  processes.push(child);
  return child;
}

function publish(name, key) {
  return ffmpeg(name, ['-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25', '-re', '-f', 'lavfi', '-i',
    'sine=frequency=440', '-t', '170', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency',
    '-pix_fmt', 'yuv420p', '-g', '25', '-c:a', 'aac', '-f', 'flv', `${env.RTMP}/live/${key}`], 180);
}

async function exitWithin(child, ms) {
  const started = Date.now();
  const exited = await Promise.race([child.exited.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), ms))]);
  return exited ? Date.now() - started : -1;
}

async function signIn(page, user, password) {
  await page.fill('#user', user);
  await page.fill('#password', password);
  await page.click('#sign-in-form button[type=submit]');
}

/** Elements that stick out of the viewport sideways (the page must never scroll horizontally). */
function layoutProblems() {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  for (const element of document.querySelectorAll('body *')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) {
      continue;
    }
    if (box.right > width + 1 || box.left < -1) {
      problems.push(`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}`
        + `${element.className && typeof element.className === 'string' ? `.${element.className.split(' ').join('.')}` : ''}`
        + ` spans ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return problems.slice(0, 8);
}

/** Form fields without a label, controls without a name, and text below WCAG AA contrast on its background. */
function accessibilityProblems() {
  const problems = [];
  const shown = (element) => !element.closest('[hidden], dialog:not([open])') && element.getClientRects().length > 0;
  for (const field of document.querySelectorAll('input, select, textarea')) {
    if (shown(field) && !(field.labels && field.labels.length) && !field.getAttribute('aria-label')) {
      problems.push(`unlabelled ${field.tagName.toLowerCase()}#${field.id}`);
    }
  }
  for (const control of document.querySelectorAll('button, a[href], video')) {
    if (shown(control) && !(control.textContent.trim() || control.getAttribute('aria-label'))) {
      problems.push(`nameless ${control.tagName.toLowerCase()}`);
    }
  }
  const rgb = (color) => (color.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = (value) => {
      const v = value / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (element) => {
    for (let at = element; at; at = at.parentElement) {
      const color = rgb(getComputedStyle(at).backgroundColor);
      if (color.length === 3 || (color.length === 4 && color[3] > 0.5)) {
        return color.slice(0, 3);
      }
    }
    return [255, 255, 255];
  };
  for (const element of document.querySelectorAll('body *')) {
    const ownText = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    if (!ownText || !shown(element) || element.closest('.chart, video')) {
      continue;
    }
    const style = getComputedStyle(element);
    if (Number(style.opacity) < 1 || element.disabled) {
      continue;
    }
    const fore = luminance(rgb(style.color).slice(0, 3));
    const back = luminance(background(element));
    const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      problems.push(`contrast ${ratio.toFixed(2)} of "${element.textContent.trim().slice(0, 30)}"`);
    }
  }
  return [...new Set(problems)].slice(0, 8);
}

const ADMIN_WORDS = /^(Kick|Delete|Delete stream|Rotate|Revoke|Issue key|Issue play token|Create stream|Disable stream|Enable stream|Switch to this input|Unblock|Add relay|Remove|Rename|Turn recording on|Turn recording off|Make playback private|Make playback public|Disable|Enable)$/;

function adminControls(words) {
  const pattern = new RegExp(words);
  return [...document.querySelectorAll('button, [data-action], input, select')]
    .filter((element) => element.closest('#sign-in, dialog, header') === null)
    .filter((element) => element.tagName !== 'BUTTON' || pattern.test(element.textContent.trim())
      || element.dataset.action)
    .filter((element) => element.id !== 'preview-video')
    .map((element) => `${element.tagName.toLowerCase()}:${element.textContent.trim() || element.id}`);
}

const profile = mkdtempSync(join(tmpdir(), 'inlet-console-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
let exitCode = 1;
try {
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  const page = browser.pages()[0] || await browser.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => console.error(`console.${message.type()}: ${message.text()}`));

  step = 'first view';
  await page.goto(`${ORIGIN}/console/`);
  await page.waitForSelector('#sign-in-form');
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  report('a11y.sign-in', (await page.evaluate(accessibilityProblems)).join('; ') || 'ok');
  report('load.cold.ms', Math.round(load));
  // the first view as a visitor meets it: a server past its first request, nothing in the browser's cache
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.reload();
  await page.waitForSelector('#sign-in-form');
  report('load.ms', Math.round(await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd)));
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await page.screenshot({ path: join(OUT, 'console-sign-in-1280.png') });

  step = 'sign in with a wrong password';
  await signIn(page, 'admin', 'not-the-password');
  await page.waitForSelector('#notice:not([hidden])');
  report('wrongPassword.notice', `${await page.textContent('#notice-title')}: ${await page.textContent('#notice-detail')}`);

  step = 'sign in as admin';
  const signInAt = Date.now();
  await signIn(page, 'admin', env.ADMIN_PASSWORD);
  await page.waitForSelector('a[data-stream="demo"]');
  report('signIn.toStreamList.ms', Date.now() - signInAt);
  report('assets.firstView.bytes', await page.evaluate(() => performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'))
    .filter((entry) => !entry.name.includes('/api/'))
    .reduce((sum, entry) => sum + entry.encodedBodySize, 0)));
  report('role', await page.textContent('#who-role'));
  await page.waitForSelector('#events-state.on');

  step = 'the demo stream goes live and idle through the events';
  const demo = publish('demo-publisher', env.DEMO_KEY);
  const publishedAt = Date.now();
  await page.waitForSelector('a[data-stream="demo"][data-live="true"]', { timeout: 15_000 });
  report('demo.live.ms', Date.now() - publishedAt);
  report('demo.state', await page.getAttribute('a[data-stream="demo"]', 'data-state'));
  await page.waitForTimeout(1500);
  demo.kill('SIGKILL');
  const endedAt = Date.now();
  await page.waitForSelector('a[data-stream="demo"][data-live="false"]', { timeout: 15_000 });
  report('demo.idle.ms', Date.now() - endedAt);

  step = 'create a stream';
  await page.fill('#new-code', STREAM);
  await page.click('[data-action="create-stream"]');
  await page.waitForFunction((code) => location.hash === `#/streams/${code}`, STREAM);
  await page.waitForSelector(`section.stream[data-stream="${STREAM}"] h1`);
  report('created', await page.textContent(`section.stream h1`));

  step = 'issue a key and copy it';
  await page.click('[data-action="issue-key"]');
  await page.waitForSelector('dialog#secret[open]');
  const shownKey = await page.inputValue('#secret-value');
  await page.click('#secret-copy');
  await page.waitForFunction(() => document.getElementById('secret-copy').textContent === 'Copied');
  const copiedKey = await page.evaluate(() => navigator.clipboard.readText());
  report('key.copiedMatchesShown', copiedKey === shownKey && copiedKey.length >= 16);
  await page.click('dialog#secret button[value="done"]');
  await page.waitForSelector('dialog#secret', { state: 'hidden' });
  report('key.inPageAfterClose', await page.evaluate((key) => document.documentElement.outerHTML.includes(key)
    || [...document.querySelectorAll('input')].some((input) => input.value.includes(key)), copiedKey));

  step = 'publish with the copied key and watch the preview';
  const encoder = publish('encoder', copiedKey);
  await page.waitForSelector('section.stream h1 .badge.state-active', { timeout: 20_000 });
  await page.waitForFunction(() => document.getElementById('preview-video').currentTime > 0.3, null,
    { timeout: 45_000, polling: 200 });
  const before = await page.evaluate(() => document.getElementById('preview-video').currentTime);
  await page.waitForTimeout(5000);
  const after = await page.evaluate(() => document.getElementById('preview-video').currentTime);
  report('preview.advanced.s', (after - before).toFixed(2));
  report('preview.muted', await page.evaluate(() => document.getElementById('preview-video').muted));
  await page.waitForSelector('#chart .u-wrap', { timeout: 10_000 });
  report('chart.drawn', true);
  await page.screenshot({ path: join(OUT, 'console-stream-1280.png'), fullPage: true });

  step = 'kick a player';
  const player = ffmpeg('player', ['-rw_timeout', '5000000', '-i', `${env.RTMP}/live/${STREAM}`, '-c', 'copy',
    '-f', 'null', '-'], 120);
  const playerRow = page.locator('#players tr', { hasText: 'rtmp' });
  await playerRow.first().waitFor({ timeout: 20_000 });
  await playerRow.first().getByRole('button', { name: 'Kick' }).click();
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  report('kick.playerExited.ms', await exitWithin(player, 10_000));
  await playerRow.first().waitFor({ state: 'detached', timeout: 10_000 });
  report('kick.rowGone', true);

  step = 'rotate the key';
  await page.click('[data-action="rotate-key"]');
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  await page.waitForSelector('dialog#secret[open]');
  const rotated = await page.inputValue('#secret-value');
  report('rotate.newKeyDiffers', rotated !== copiedKey && rotated.length >= 16);
  await page.click('dialog#secret button[value="done"]');
  report('rotate.encoderExited.ms', await exitWithin(encoder, 15_000));
  await page.waitForSelector('section.stream h1 .badge:not(.state-active)', { timeout: 15_000 });
  report('rotate.streamNotLive', true);

  step = 'switch to a backup input';
  const live = publish('encoder-again', rotated);
  await page.waitForSelector('section.stream h1 .badge.state-active', { timeout: 20_000 });
  await page.selectOption('#key-priority', '2');
  await page.click('[data-action="issue-key"]');
  await page.waitForSelector('dialog#secret[open]');
  const backupKey = await page.inputValue('#secret-value');
  await page.click('dialog#secret button[value="done"]');
  const backup = publish('backup-encoder', backupKey);
  const switchButton = page.getByRole('button', { name: 'Switch to this input' });
  await switchButton.waitFor({ timeout: 20_000 });
  await switchButton.click();
  await page.locator('#inputs tr', { hasText: '#2' }).locator('.badge', { hasText: 'active' })
    .waitFor({ timeout: 15_000 });
  report('switch.backupActive', true);
  backup.kill('SIGKILL');
  await page.locator('#inputs tr', { hasText: '#1 (primary)' }).locator('.badge', { hasText: 'active' })
    .waitFor({ timeout: 20_000 });
  report('switch.backToPrimary', true);

  step = 'rename';
  await page.fill('#rename', 'Console walk');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await page.waitForSelector('section.stream p.sub:has-text("Console walk")');
  report('renamed', true);

  step = 'private playback and a play token';
  await page.click('[data-action="toggle-private"]');
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  await page.waitForSelector('section.stream h1 .tag:has-text("private")');
  await page.waitForFunction(() => document.getElementById('preview-note').textContent.startsWith('Live'), null,
    { timeout: 30_000 });
  const privateFrom = await page.evaluate(() => document.getElementById('preview-video').currentTime);
  await page.waitForFunction((from) => document.getElementById('preview-video').currentTime > from + 1, privateFrom,
    { timeout: 20_000 });
  report('private.previewPlays', true);
  await page.click('[data-action="issue-token"]');
  await page.waitForSelector('dialog#secret[open]');
  const token = await page.inputValue('#secret-value');
  report('token.shown', /^\d+\.[A-Za-z0-9_-]+$/.test(token));
  await page.click('dialog#secret button[value="done"]');
  await page.click('[data-action="toggle-private"]');
  await page.waitForSelector('section.stream h1:not(:has(.tag))');
  report('private.undone', true);

  step = 'record, download and delete';
  await page.click('[data-action="toggle-recording"]');
  await page.waitForSelector('#recordings strong:has-text("Recording now")', { timeout: 20_000 });
  await page.waitForTimeout(4000);
  await page.click('[data-action="toggle-recording"]');
  const download = page.locator('#recordings').getByRole('button', { name: /^Download recording/ });
  await download.first().waitFor({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), download.first().click()]);
  await file.saveAs(join(OUT, 'recording.mp4'));
  report('recording.file', join(OUT, 'recording.mp4'));
  await page.locator('#recordings').getByRole('button', { name: /^Delete recording/ }).first().click();
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  await page.waitForSelector('#recordings p.empty:has-text("No recordings")', { timeout: 15_000 });
  report('recording.deleted', true);

  step = 'add and remove a relay target';
  await page.fill('#relay-url', 'rtmp://127.0.0.1:9/live');
  await page.fill('#relay-key', 'console-walk-target-key');
  await page.click('[data-action="add-relay"]');
  const relayRow = page.locator('#relays tr', { hasText: 'rtmp://127.0.0.1:9/live' });
  await relayRow.waitFor({ timeout: 15_000 });
  report('relay.keyShownAsPrefixOnly', !(await relayRow.textContent()).includes('console-walk-target-key'));
  await relayRow.getByRole('button', { name: 'Remove' }).click();
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  await relayRow.waitFor({ state: 'detached', timeout: 15_000 });
  report('relay.removed', true);

  step = 'screenshots and layout';
  const views = [['streams', '#/'], ['stream', `#/streams/${STREAM}`], ['sessions', '#/sessions'],
    ['recordings', '#/recordings'], ['blocked', '#/blocked']];
  let layoutFailures = 0;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, hash] of views) {
      await page.evaluate((target) => { location.hash = target; }, hash);
      await page.waitForSelector('main section.page');
      await page.waitForTimeout(name === 'stream' ? 2500 : 800);
      await page.screenshot({ path: join(OUT, `console-${name}-${width}.png`), fullPage: true });
      const problems = await page.evaluate(layoutProblems);
      report(`layout.${name}.${width}`, problems.length === 0 ? 'ok' : problems.join('; '));
      layoutFailures += problems.length;
      if (width === 1280) {
        const barriers = await page.evaluate(accessibilityProblems);
        report(`a11y.${name}`, barriers.length === 0 ? 'ok' : barriers.join('; '));
      }
    }
  }
  report('layout.problems', layoutFailures);
  await page.setViewportSize({ width: 1280, height: 900 });

  step = 'disable and enable the stream';
  await page.evaluate((target) => { location.hash = target; }, `#/streams/${STREAM}`);
  await page.click('[data-action="toggle-enabled"]');
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  report('disable.encoderExited.ms', await exitWithin(live, 15_000));
  await page.waitForSelector('section.stream h1 .badge.state-disabled');
  await page.click('[data-action="toggle-enabled"]');
  await page.waitForSelector('section.stream h1 .badge:not(.state-disabled)');
  report('enabledAgain', true);

  step = 'delete a stream';
  await page.evaluate(() => { location.hash = '#/'; });
  await page.fill('#new-code', 'console-doomed');
  await page.click('[data-action="create-stream"]');
  await page.waitForSelector('section.stream[data-stream="console-doomed"]');
  await page.click('[data-action="delete-stream"]');
  await page.waitForSelector('dialog#confirm[open]');
  await page.click('#confirm-ok');
  await page.waitForSelector('a[data-stream="demo"]');
  report('deleted.gone', await page.locator('a[data-stream="console-doomed"]').count() === 0);

  step = 'unblock an address';
  for (let attempt = 0; attempt < 12; attempt++) {
    await ffmpeg(`wrong-key-${attempt}`, ['-re', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=5', '-t', '2', '-c:v',
      'libx264', '-preset', 'ultrafast', '-f', 'flv', `${env.RTMP}/live/not-a-key-${attempt}`], 15).exited;
  }
  await page.evaluate(() => { location.hash = '#/blocked'; });
  const blockedRow = page.locator('#view tr', { hasText: '127.0.0.1' });
  await blockedRow.waitFor({ timeout: 15_000 });
  await blockedRow.getByRole('button', { name: 'Unblock' }).click();
  await blockedRow.waitFor({ state: 'detached', timeout: 15_000 });
  report('unblocked', true);

  step = 'sign in as viewer';
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => { location.hash = '#/'; });
  await page.click('#sign-out');
  await page.waitForSelector('#sign-in-form');
  // by keyboard only: the user field has the focus after signing out
  await page.keyboard.type(env.VIEWER_USER);
  await page.keyboard.press('Tab');
  await page.keyboard.type(env.VIEWER_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('a[data-stream="demo"]');
  report('viewer.role', await page.textContent('#who-role'));
  const seen = [];
  for (const [name, hash] of views) {
    await page.evaluate((target) => { location.hash = target; }, hash);
    await page.waitForSelector('main section.page');
    await page.waitForTimeout(name === 'stream' ? 2500 : 800);
    const controls = await page.evaluate(adminControls, ADMIN_WORDS.source);
    seen.push(...controls.map((control) => `${name}:${control}`));
  }
  report('viewer.adminControls', seen.length === 0 ? 'none' : seen.join(', '));
  await page.evaluate((target) => { location.hash = target; }, `#/streams/${STREAM}`);
  await page.waitForSelector('#players tr', { timeout: 10_000 }).catch(() => null);
  await page.screenshot({ path: join(OUT, 'console-stream-viewer-1280.png'), fullPage: true });
  const refused = await page.evaluate(async ([user, password, code]) => {
    const authorization = `Basic ${btoa(`${user}:${password}`)}`;
    const create = await fetch('/api/v1/streams', { method: 'POST', body: '{"code":"made-by-viewer"}',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' } });
    const remove = await fetch(`/api/v1/streams/${code}`, { method: 'DELETE', headers: { Authorization: authorization } });
    const problem = await remove.json();
    return `${create.status} ${remove.status} ${problem.title}`;
  }, [env.VIEWER_USER, env.VIEWER_PASSWORD, STREAM]);
  report('viewer.refused', refused);
  live.kill('SIGKILL');

  report('pageErrors', pageErrors.length === 0 ? 'none' : pageErrors.join(' | '));
  exitCode = 0;
} catch (e) {
  report('failed', `${step}: ${String(e.message || e).split('\n')[0]}`);
  try {
    const page = browser.pages()[0];
    await page.screenshot({ path: join(OUT, 'console-failure.png'), fullPage: true });
  } catch (ignored) {
    // the browser is gone: the report says enough
  }
} finally {
  for (const child of processes) {
    if (!child.done) {
      child.kill('SIGKILL');
    }
  }
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
