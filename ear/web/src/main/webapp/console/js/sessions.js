// #/sessions : every publisher and player of every protocol, with kick for admins.

import * as api from './api.js';
import { act, button, bytes, clear, confirmAction, duration, h, row, table } from './dom.js';
import { refresher } from './refresh.js';
import { sessionPath } from './stream.js';

const SESSION_EVENTS = new Set(['publish', 'unpublish', 'play', 'stop']);

export function sessionsView(context) {
  const admin = context.caller.admin;
  const publishers = h('div');
  const players = h('div');
  const element = h('section.page', {}, h('div.page-head', {}, h('h1', {}, 'Sessions')),
    h('section.card', { 'aria-labelledby': 'publishers-title' }, h('h2', { id: 'publishers-title' }, 'Publishers'), publishers),
    h('section.card', { 'aria-labelledby': 'all-players-title' }, h('h2', { id: 'all-players-title' }, 'Players'), players));

  const kick = async (b, session, what) => {
    if (await confirmAction(`Disconnect this ${what}?`, `${session.protocol} ${what} of ${session.streamCode} from `
      + `${session.remoteAddress}`, 'Kick')) {
      await act(b, () => api.del(sessionPath(session)), session.node ? `Asked node ${session.node} to disconnect the ${what}`
        : `The ${what} was disconnected`);
      refresh.now();
    }
  };
  const streamLink = (code) => h('a', { href: `#/streams/${encodeURIComponent(code)}` }, code);

  const refresh = refresher(async () => {
    const list = await api.get('sessions');
    clear(publishers, table('Publishers', ['Stream', 'Input', 'Protocol', 'Address', 'Node', 'Key', 'Live for',
      'Received', ''], list.publishers.map((p) => row(streamLink(p.streamCode), `#${p.priority}`, p.protocol,
      p.remoteAddress, p.node || '—', h('code', {}, `${p.keyPrefix}…`), duration(p.durationSeconds), bytes(p.bytesIn),
      admin ? button('Kick', (b) => kick(b, p, 'publisher')) : '')), 'No publishers.'));
    clear(players, table('Players', ['Stream', 'Protocol', 'Address', 'Node', 'Playing for', 'Sent', 'Skipped', ''],
      list.players.map((p) => row(streamLink(p.streamCode), p.protocol, p.remoteAddress, p.node || '—',
        duration(p.durationSeconds), bytes(p.bytesSent), String(p.framesSkipped),
        admin ? button('Kick', (b) => kick(b, p, 'player')) : '')), 'No players.'));
  }, 5000);
  const unsubscribe = context.onEvent((name) => {
    if (SESSION_EVENTS.has(name)) {
      refresh.soon();
    }
  });
  refresh.now();
  return { element, close: () => { unsubscribe(); refresh.stop(); } };
}
