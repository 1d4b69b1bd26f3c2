// #/streams/<code> : one stream in full. Each part reads its own resource and refreshes on the events that concern
// it, so a form being filled in is never redrawn under the operator's hands.

import * as api from './api.js';
import {
  act, badge, button, bytes, clear, confirmAction, duration, h, kbps, row, showSecretOnce, table, when,
} from './dom.js';
import { refresher } from './refresh.js';
import { preview } from './preview.js';
import { historyChart } from './chart.js';

const LIVE_EVENTS = new Set(['publish', 'unpublish', 'state', 'failover']);
const PLAYER_EVENTS = new Set(['play', 'stop']);
const RECORDING_EVENTS = new Set(['recording-started', 'recording-finished', 'recording-failed', 'recording-deleted']);

export function streamView(context, code) {
  const admin = context.caller.admin;
  const path = `streams/${encodeURIComponent(code)}`;
  const parts = [];
  const section = (title, id, ...content) => h('section.card', { 'aria-labelledby': `${id}-title`, id },
    h('h2', { id: `${id}-title` }, title), ...content);

  const head = h('div.page-head');
  const status = h('dl.facts');
  const manage = h('div.manage');
  const inputs = h('div');
  const tracks = h('div');
  const players = h('div');
  const failovers = h('div');
  const keys = h('div');
  const relays = h('div');
  const recordingPolicy = h('div');
  const recordings = h('div');
  const video = preview(code, admin);
  const chart = historyChart();
  let detail = null;

  const element = h('section.page.stream', { dataset: { stream: code } },
    h('p.crumbs', {}, h('a', { href: '#/' }, '← All streams')),
    head, status,
    h('div.columns', {},
      section('Preview', 'preview', video.element),
      section('Bitrate and frame rate', 'chart', chart.element)),
    admin ? section('Manage', 'manage', manage) : null,
    section('Inputs', 'inputs', inputs),
    section('Tracks', 'tracks', tracks),
    section('Players', 'players', players),
    section('Failover history', 'failovers', failovers),
    section('Stream keys', 'keys', keys),
    section('Relays', 'relays', relays),
    section('Recordings', 'recordings', recordingPolicy, recordings));

  const live = refresher(async () => {
    detail = await api.get(path);
    renderHead(detail);
    renderInputs(detail);
    clear(tracks, table('Tracks', ['Track', 'Codec', 'Picture / sound', 'Frame rate', 'Bitrate'], detail.tracks.map((t) => row(
      `${t.type} ${t.trackId}`,
      [t.codec, t.profile].filter(Boolean).join(' '),
      t.type === 'video' ? `${t.width}×${t.height}${t.bitDepth ? `, ${t.bitDepth}-bit` : ''}`
        : `${t.sampleRate} Hz, ${t.channels} ch`,
      t.type === 'video' ? `${Number(t.frameRate).toFixed(2)} fps` : '—',
      kbps(t.bitrateKbps))), 'No tracks: the stream is not live.'));
    clear(failovers, table('Failover history', ['When', 'From', 'To', 'Why'], detail.recentFailovers.slice().reverse().map(
      (f) => row(when(f.at), `#${f.fromPriority}`, `#${f.toPriority}`, f.reason)), 'No failovers.'));
    video.live(detail.live, detail.privatePlayback);
  }, 2000);
  parts.push(live);

  const history = refresher(async () => chart.draw(await api.get(`${path}/history`)), 2000);
  parts.push(history);

  const sessions = refresher(async () => {
    const list = await api.get('sessions');
    const mine = list.players.filter((p) => p.streamCode === code);
    clear(players, table('Players', ['Session', 'Protocol', 'Address', 'Node', 'Playing for', 'Sent', ''], mine.map((p) => row(
      h('code', {}, p.id), p.protocol, p.remoteAddress, p.node || '—', duration(p.durationSeconds), bytes(p.bytesSent),
      admin ? button('Kick', (b) => kick(b, p)) : '')), 'No players.'));
  }, 5000);
  parts.push(sessions);

  const keyList = refresher(async () => {
    const list = await api.get(`${path}/keys`);
    clear(keys, admin ? issueKeyForm() : null,
      table('Stream keys', ['Key', 'Input', 'State', 'Created', 'Last used', ''], list.map((k) => row(
        h('code', {}, `${k.prefix}…`), `#${k.priority}`, k.enabled ? 'active' : 'revoked', when(k.created),
        k.lastUsed ? `${when(k.lastUsed)} from ${k.lastRemoteAddress || '?'}` : 'never',
        admin && k.enabled ? h('span.buttons', {},
          button('Rotate', (b) => rotate(b, k), { action: 'rotate-key', label: `Rotate key ${k.prefix}` }),
          button('Revoke', (b) => revoke(b, k), { danger: true, label: `Revoke key ${k.prefix}` })) : '')),
      'No keys: issue one so an encoder can publish.'));
  });
  parts.push(keyList);

  const relayList = refresher(async () => {
    let list;
    try {
      list = await api.get(`${path}/relays`);
    } catch (e) {
      clear(relays, h('p.empty', {}, `${e.title}${e.detail ? `: ${e.detail}` : ''}`));
      return;
    }
    clear(relays, table('Relays', ['Target', 'State', 'Sent', 'Up for', ''], list.map((r) => row(
      h('span', {}, h('code', {}, r.url), ' ', h('span.sub', {}, `key ${r.keyPrefix}…`)),
      h('span', {}, badge(r.state), r.reason ? h('span.sub', {}, r.reason) : null,
        r.retryInSeconds ? h('span.sub', {}, `retrying in ${r.retryInSeconds} s`) : null),
      bytes(r.bytesSent), duration(r.uptimeSeconds),
      admin ? h('span.buttons', {},
        button(r.enabled ? 'Disable' : 'Enable', (b) => act(b, () => api.patch(`${path}/relays/${r.id}`,
          { enabled: !r.enabled }), r.enabled ? 'Relay disabled' : 'Relay enabled').then(() => relayList.now())),
        button('Remove', (b) => removeRelay(b, r), { danger: true })) : '')), 'No relay targets.'),
    admin ? addRelayForm() : null);
  }, 5000);
  parts.push(relayList);

  const recordingList = refresher(async () => {
    const [policy, list] = await Promise.all([api.get(`${path}/recording`),
      api.get(`recordings?stream=${encodeURIComponent(code)}`)]);
    clear(recordingPolicy, h('p', {},
      policy.recording ? h('strong', {}, 'Recording now. ') : null,
      policy.enabled ? 'Recording is on for this stream.' : 'Recording is off for this stream.', ' ',
      admin ? button(policy.enabled ? 'Turn recording off' : 'Turn recording on', (b) => act(b,
        () => api.put(`${path}/recording`, { enabled: !policy.enabled }),
        policy.enabled ? 'Recording turned off' : 'Recording turned on').then(() => recordingList.now()),
      { action: 'toggle-recording' }) : null));
    clear(recordings, recordingTable(list, admin, () => recordingList.now()));
  });
  parts.push(recordingList);

  function renderHead(stream) {
    clear(head, h('h1', {}, stream.code, ' ', badge(stream.state),
      stream.privatePlayback ? h('span.tag', {}, 'private') : null),
    stream.name && stream.name !== stream.code ? h('p.sub', {}, stream.name) : null);
    clear(status,
      fact('Live', stream.live ? `for ${duration(stream.uptimeSeconds)}` : 'no'),
      fact('Active input', stream.activePriority ? `#${stream.activePriority}` : '—'),
      fact('Players', String(stream.players)),
      fact('Received', bytes(stream.bytesIn)),
      fact('Bitrate', kbps(stream.tracks.reduce((sum, t) => sum + t.bitrateKbps, 0))),
      fact('Enabled', stream.enabled ? 'yes' : 'no'));
    if (admin && !manage.dataset.built) {
      buildManage();
    }
    if (admin) {
      manage.querySelector('[data-action="toggle-enabled"]').textContent = stream.enabled ? 'Disable stream' : 'Enable stream';
      manage.querySelector('[data-action="toggle-private"]').textContent = stream.privatePlayback
        ? 'Make playback public' : 'Make playback private';
    }
  }

  function renderInputs(stream) {
    clear(inputs, table('Inputs', ['Input', 'State', 'Key', 'From', 'Since', 'Received', ''], stream.inputs.map((i) => row(
      `#${i.priority}${i.priority === 1 ? ' (primary)' : ''}`,
      h('span', {}, i.active ? h('span.badge.state-active', {}, 'active') : i.live ? h('span.badge.state-degraded', {},
        'live, standby') : h('span.badge.state-idle', {}, 'not live')),
      i.keyPrefix ? h('code', {}, `${i.keyPrefix}…`) : `${i.keys} key${i.keys === 1 ? '' : 's'}`,
      i.remoteAddress ? `${i.remoteAddress}${i.node ? ` (node ${i.node})` : ''}` : '—', i.since ? when(i.since) : '—',
      bytes(i.bytesIn),
      admin && i.live && !i.active ? button('Switch to this input', (b) => act(b,
        () => api.post(`${path}/switch`, { priority: i.priority }), `Switching to input #${i.priority} at its next key frame`)
        .then(() => live.soon())) : '')), 'No inputs: issue a key.'));
  }

  function buildManage() {
    manage.dataset.built = 'yes';
    const name = h('input', { id: 'rename', autocomplete: 'off', maxlength: '200', value: detail.name || '' });
    const ttl = h('select', { id: 'token-ttl' }, [['3600', '1 hour'], ['86400', '1 day'], ['604800', '7 days']]
      .map(([value, text]) => h('option', { value }, text)));
    clear(manage,
      h('form.inline-form', { 'aria-label': 'Rename the stream', on: { submit: async (event) => {
        event.preventDefault();
        if (await act(event.submitter, () => api.patch(path, { name: name.value }), 'Stream renamed')) {
          live.now();
        }
      } } }, h('div.field', {}, h('label', { for: 'rename' }, 'Name'), name), h('button', { type: 'submit' }, 'Rename')),
      h('div.buttons', {},
        button('Disable stream', toggleEnabled, { action: 'toggle-enabled' }),
        button('Make playback private', togglePrivate, { action: 'toggle-private' }),
        button('Delete stream', deleteStream, { danger: true, action: 'delete-stream' })),
      h('form.inline-form', { 'aria-label': 'Issue a play token', on: { submit: async (event) => {
        event.preventDefault();
        const token = await act(event.submitter, () => api.post(`${path}/play-tokens`, { ttlSeconds: Number(ttl.value) }));
        if (token) {
          await showSecretOnce('Play token', token.token,
            `Valid until ${when(token.expiresAt)}. Players add ${token.query.replace(token.token, '<token>')} to the stream's URL.`);
        }
      } } }, h('div.field', {}, h('label', { for: 'token-ttl' }, 'Play token valid for'), ttl),
      h('button', { type: 'submit', dataset: { action: 'issue-token' } }, 'Issue play token')));
  }

  async function toggleEnabled(b) {
    const enable = !detail.enabled;
    if (!enable && !await confirmAction(`Disable ${code}?`,
      'Its publishers are disconnected and new publishes are refused until it is enabled again.', 'Disable')) {
      return;
    }
    await act(b, () => api.patch(path, { enabled: enable }), enable ? 'Stream enabled' : 'Stream disabled');
    live.now();
  }

  async function togglePrivate(b) {
    const makePrivate = !detail.privatePlayback;
    if (makePrivate && !await confirmAction(`Make ${code} private?`,
      'Every reader then needs a play token; players without one are refused.', 'Make private')) {
      return;
    }
    await act(b, () => api.patch(path, { privatePlayback: makePrivate }),
      makePrivate ? 'Playback is private' : 'Playback is public');
    live.now();
  }

  async function deleteStream(b) {
    if (!await confirmAction(`Delete ${code}?`,
      'The stream, its keys and its settings are removed and its publishers disconnected. This cannot be undone.',
      'Delete stream')) {
      return;
    }
    if (await act(b, () => api.del(path).then(() => true), `Stream ${code} deleted`)) {
      location.hash = '#/';
    }
  }

  async function kick(b, player) {
    if (!await confirmAction('Disconnect this player?', `${player.protocol} player ${player.remoteAddress}`, 'Kick')) {
      return;
    }
    await act(b, () => api.del(sessionPath(player)), player.node ? `Asked node ${player.node} to disconnect the player`
      : 'Player disconnected');
    sessions.now();
  }

  function issueKeyForm() {
    const priority = h('select', { id: 'key-priority' }, [1, 2, 3, 4].map((p) => h('option', { value: String(p) },
      p === 1 ? '#1 (primary)' : `#${p} (backup)`)));
    return h('form.inline-form', { 'aria-label': 'Issue a stream key', on: { submit: async (event) => {
      event.preventDefault();
      const issued = await act(event.submitter, () => api.post(`${path}/keys`, { priority: Number(priority.value) }));
      if (issued) {
        keyList.now();
        await showSecretOnce('New stream key', issued.key, `Encoders publish to rtmp://${location.hostname}/live/<key> `
          + `(or SRT with streamid publish:<key>). Key ${issued.prefix}… feeds input #${issued.priority}.`);
      }
    } } }, h('div.field', {}, h('label', { for: 'key-priority' }, 'Input'), priority),
    h('button', { type: 'submit', dataset: { action: 'issue-key' } }, 'Issue key'));
  }

  async function rotate(b, key) {
    if (!await confirmAction(`Rotate key ${key.prefix}…?`,
      'A new key replaces it; an encoder using the old one is disconnected at once.', 'Rotate')) {
      return;
    }
    const issued = await act(b, () => api.post(`${path}/keys/${key.id}/rotate`));
    if (issued) {
      keyList.now();
      await showSecretOnce('New stream key', issued.key, `It replaces ${key.prefix}… for input #${issued.priority}.`);
    }
  }

  async function revoke(b, key) {
    if (!await confirmAction(`Revoke key ${key.prefix}…?`,
      'It stops working at once and an encoder using it is disconnected.', 'Revoke')) {
      return;
    }
    await act(b, () => api.del(`${path}/keys/${key.id}`), `Key ${key.prefix}… revoked`);
    keyList.now();
  }

  function addRelayForm() {
    const target = h('input', { id: 'relay-url', required: true, placeholder: 'rtmp://a.rtmp.youtube.com/live2',
      autocomplete: 'off', spellcheck: 'false' });
    const key = h('input', { id: 'relay-key', required: true, type: 'password', autocomplete: 'off' });
    return h('form.inline-form', { 'aria-label': 'Add a relay target', on: { submit: async (event) => {
      event.preventDefault();
      const added = await act(event.submitter, () => api.post(`${path}/relays`,
        { url: target.value.trim(), key: key.value, enabled: true }), 'Relay target added');
      if (added) {
        event.target.reset();
        relayList.now();
      }
    } } }, h('div.field', {}, h('label', { for: 'relay-url' }, 'Target URL (rtmp:// or rtmps://)'), target),
    h('div.field', {}, h('label', { for: 'relay-key' }, 'Target stream key'), key),
    h('button', { type: 'submit', dataset: { action: 'add-relay' } }, 'Add relay'));
  }

  async function removeRelay(b, relay) {
    if (!await confirmAction('Remove this relay target?', `${relay.url} stops receiving the stream.`, 'Remove')) {
      return;
    }
    await act(b, () => api.del(`${path}/relays/${relay.id}`), 'Relay target removed');
    relayList.now();
  }

  const unsubscribe = context.onEvent((name, data) => {
    if (data && data.streamCode && data.streamCode !== code) {
      return;
    }
    if (LIVE_EVENTS.has(name)) {
      live.soon();
      sessions.soon();
      keyList.soon();
    } else if (PLAYER_EVENTS.has(name)) {
      sessions.soon();
      live.soon();
    } else if (name === 'relay') {
      relayList.soon();
    } else if (RECORDING_EVENTS.has(name)) {
      recordingList.soon();
    }
  });
  parts.forEach((part) => part.now());
  return {
    element,
    close() {
      unsubscribe();
      parts.forEach((part) => part.stop());
      video.close();
      chart.close();
    },
  };
}

/** The API path that kicks a session; a session of another node names it, so that node disconnects it. */
export function sessionPath(session) {
  const id = session.id.split('/').map(encodeURIComponent).join('/');
  return session.node ? `sessions/${id}?node=${encodeURIComponent(session.node)}` : `sessions/${id}`;
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

/** Recordings with download and (for admins) delete; shared with the recordings page. */
export function recordingTable(list, admin, changed) {
  return table('Recordings', ['Stream', 'Started', 'Length', 'Size', 'Video', 'State', ''], list.map((r) => row(
    h('a', { href: `#/streams/${encodeURIComponent(r.stream)}` }, r.stream), when(r.startedAt),
    duration(Math.round(r.durationMs / 1000)), bytes(r.bytes),
    [r.codecs, r.width ? `${r.width}×${r.height}` : ''].filter(Boolean).join(', '),
    h('span', {}, badge(r.state), r.reason ? h('span.sub', {}, r.reason) : null),
    h('span.buttons', {},
      r.state === 'Finished' || r.state === 'Recovered' ? button('Download', (b) => act(b,
        () => api.download(r.file, `${r.stream}-${r.id}.mp4`)), { label: `Download recording ${r.id}` }) : null,
      admin ? button('Delete', async (b) => {
        if (await confirmAction('Delete this recording?', `${r.stream}, ${when(r.startedAt)}: the file is removed.`,
          'Delete')) {
          await act(b, () => api.del(`recordings/${encodeURIComponent(r.id)}`), 'Recording deleted');
          changed();
        }
      }, { danger: true, label: `Delete recording ${r.id}` }) : null))), 'No recordings.');
}
