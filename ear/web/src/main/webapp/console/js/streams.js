// #/ : every stream with its state, live input, players and bitrate, kept current by the server-sent events (and a
// slow poll for the bitrate, which no event carries); admins create streams here.

import * as api from './api.js';
import { act, badge, clear, h, kbps, row, say, table } from './dom.js';
import { refresher } from './refresh.js';

const STREAM_EVENTS = new Set(['publish', 'unpublish', 'play', 'stop', 'state', 'failover']);

export function streamsView(context) {
  const list = h('div', { id: 'stream-list', 'aria-live': 'polite', 'aria-busy': 'true' });
  const element = h('section.page', {},
    h('div.page-head', {}, h('h1', {}, 'Streams')),
    context.caller.admin ? createForm(() => refresh.now()) : null,
    list);

  const refresh = refresher(async () => {
    const streams = await api.get('streams');
    list.setAttribute('aria-busy', 'false');
    clear(list, table('Streams', ['Stream', 'State', 'Input', 'Players', 'Bitrate'], streams.map((stream) => row(
      h('a', { href: `#/streams/${encodeURIComponent(stream.code)}`,
        dataset: { stream: stream.code, live: String(stream.live), state: stream.state } },
        h('strong', {}, stream.code), stream.name && stream.name !== stream.code ? h('span.sub', {}, stream.name) : null),
      h('td', { dataset: { label: 'State', stream: stream.code, field: 'state' } }, badge(stream.state),
        stream.privatePlayback ? h('span.tag', {}, 'private') : null),
      h('td', { dataset: { label: 'Input' } }, !stream.live ? '—'
        : stream.activePriority ? `#${stream.activePriority}` : 'on another node'),
      h('td', { dataset: { label: 'Players' } }, String(stream.players)),
      h('td', { dataset: { label: 'Bitrate' } }, stream.live && stream.activePriority ? kbps(stream.bitrateKbps) : '—'),
    )), 'No streams yet.'));
  }, 5000);

  const unsubscribe = context.onEvent((name) => {
    if (STREAM_EVENTS.has(name)) {
      refresh.soon();
    }
  });
  refresh.now();
  return { element, close: () => { unsubscribe(); refresh.stop(); } };
}

function createForm(created) {
  const code = h('input', { id: 'new-code', name: 'code', required: true, spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': 'new-code-hint' });
  const name = h('input', { id: 'new-name', name: 'name', autocomplete: 'off', maxlength: '200' });
  const form = h('form.inline-form', { 'aria-label': 'Create a stream', on: { submit: async (event) => {
    event.preventDefault();
    const body = { code: code.value.trim() };
    if (name.value.trim()) {
      body.name = name.value.trim();
    }
    const stream = await act(form.querySelector('button'), () => api.post('streams', body));
    if (stream) {
      say(`Stream ${stream.code} created`);
      form.reset();
      created();
      location.hash = `#/streams/${encodeURIComponent(stream.code)}`;
    }
  } } },
  h('div.field', {}, h('label', { for: 'new-code' }, 'New stream code'), code,
    h('span.hint', { id: 'new-code-hint' }, 'Players play live/<code>')),
  h('div.field', {}, h('label', { for: 'new-name' }, 'Name (optional)'), name),
  h('button', { type: 'submit', dataset: { action: 'create-stream' } }, 'Create stream'));
  return form;
}
