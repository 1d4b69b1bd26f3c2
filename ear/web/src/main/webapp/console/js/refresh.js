// Re-reads a view's data: now, soon after an event (several events in a burst cost one request), and every
// `period` ms as a fallback for what no event carries. A failed read shows its problem once, not on every tick.

import { hideError, showError } from './dom.js';

export function refresher(load, period) {
  let timer = null;
  let soonTimer = null;
  let running = null;
  let failing = false;
  let stopped = false;

  const now = async () => {
    if (stopped) {
      return;
    }
    if (running) {
      await running;
    }
    running = (async () => {
      try {
        await load();
        if (failing) {
          hideError();
        }
        failing = false;
      } catch (e) {
        if (!failing) {
          showError(e);
        }
        failing = true;
      }
    })();
    await running;
    running = null;
  };

  if (period) {
    timer = setInterval(() => {
      if (!document.hidden) {
        now();
      }
    }, period);
  }

  return {
    now,
    soon() {
      clearTimeout(soonTimer);
      soonTimer = setTimeout(now, 150);
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(soonTimer);
    },
  };
}
