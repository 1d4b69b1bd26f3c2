// #/blocked : addresses refused for too many failed publishes, and unblock for admins.

import * as api from './api.js';
import { act, button, clear, h, row, table, when } from './dom.js';
import { refresher } from './refresh.js';

export function blockedView(context) {
  const list = h('div');
  const element = h('section.page', {}, h('div.page-head', {}, h('h1', {}, 'Blocked addresses')),
    h('p.hint', {}, 'An address that fails to publish too often is refused for a while; unblocking lets it try at once.'),
    h('section.card', {}, list));
  const refresh = refresher(async () => {
    const blocked = await api.get('blocked-addresses');
    clear(list, table('Blocked addresses', ['Address', 'Blocked until', 'Blocks', ''], blocked.map((b) => row(
      h('code', {}, b.address), when(b.blockedUntil), String(b.blocks),
      context.caller.admin ? button('Unblock', (target) => act(target,
        () => api.del(`blocked-addresses/${encodeURIComponent(b.address)}`), `${b.address} unblocked`)
        .then(() => refresh.now())) : '')), 'No address is blocked.'));
  }, 10_000);
  refresh.now();
  return { element, close: () => refresh.stop() };
}
