// #/recordings : every recording, newest first, with download and (for admins) delete.

import * as api from './api.js';
import { clear, h } from './dom.js';
import { refresher } from './refresh.js';
import { recordingTable } from './stream.js';

export function recordingsView(context) {
  const list = h('div');
  const element = h('section.page', {}, h('div.page-head', {}, h('h1', {}, 'Recordings')), h('section.card', {}, list));
  const refresh = refresher(async () => {
    clear(list, recordingTable(await api.get('recordings'), context.caller.admin, () => refresh.now()));
  }, 10_000);
  const unsubscribe = context.onEvent((name) => {
    if (name.startsWith('recording-')) {
      refresh.soon();
    }
  });
  refresh.now();
  return { element, close: () => { unsubscribe(); refresh.stop(); } };
}
