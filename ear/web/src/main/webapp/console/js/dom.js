// Small DOM helpers. Text from the server (names, addresses, reasons) only ever becomes text nodes, never markup.

/** h('tag.class', {attributes, on: {event: handler}}, ...children) */
export function h(spec, attributes = {}, ...children) {
  const [tag, ...classes] = spec.split('.');
  const element = document.createElement(tag || 'div');
  if (classes.length) {
    element.className = classes.join(' ');
  }
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) {
        element.addEventListener(event, handler);
      }
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name in element && typeof value !== 'string') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A table with a caption (visually hidden when asked), one header row and the given rows; empty says so. */
export function table(caption, headings, rows, empty = 'None.') {
  if (rows.length === 0) {
    return h('p.empty', {}, empty);
  }
  // narrow screens show each row as a card: every cell names its column (see console.css)
  for (const tr of rows) {
    [...tr.children].forEach((cell, index) => {
      if (headings[index]) {
        cell.dataset.label = headings[index];
      }
    });
  }
  return h('div.table-wrap', {},
    h('table', {},
      h('caption.sr-only', {}, caption),
      h('thead', {}, h('tr', {}, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
      h('tbody', {}, rows)));
}

export function row(...cells) {
  return h('tr', {}, cells.map((cell) => (cell instanceof Node && cell.tagName === 'TD' ? cell : h('td', {}, cell))));
}

export function badge(state) {
  const text = String(state || 'Unknown');
  return h(`span.badge.state-${text.toLowerCase().replace(/[^a-z]/g, '')}`, {}, text);
}

export function kbps(value) {
  if (!value) {
    return '0 kbit/s';
  }
  return value >= 1000 ? `${(value / 1000).toFixed(1)} Mbit/s` : `${value} kbit/s`;
}

export function bytes(value) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let amount = Number(value) || 0;
  let unit = 0;
  while (amount >= 1000 && unit < units.length - 1) {
    amount /= 1000;
    unit++;
  }
  return `${unit === 0 ? amount : amount.toFixed(1)} ${units[unit]}`;
}

export function duration(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${rest} s` : `${rest} s`;
}

export function when(instant) {
  if (!instant) {
    return '—';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toLocaleString();
}

/** Shows the API's (or any) error as its title and detail until dismissed or replaced. */
export function showError(error) {
  const notice = document.getElementById('notice');
  document.getElementById('notice-title').textContent = error.title || 'Something went wrong';
  document.getElementById('notice-detail').textContent = error.detail || (error.title ? '' : String(error.message || error));
  notice.hidden = false;
}

export function hideError() {
  document.getElementById('notice').hidden = true;
}

/** A short confirmation for the screen reader and the eye; it fades by itself. */
export function say(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ''; }, 6000);
}

/** Asks before a destructive action; resolves to true only on an explicit confirmation. */
export function confirmAction(title, text, action = 'Confirm') {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = action;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/**
 * Shows a secret (a new stream key, a play token) once, with a copy button. The value leaves the page when the
 * dialog closes: it is never shown again.
 */
export function showSecretOnce(title, value, extra = '') {
  const dialog = document.getElementById('secret');
  const field = document.getElementById('secret-value');
  const copy = document.getElementById('secret-copy');
  document.getElementById('secret-title').textContent = title;
  document.getElementById('secret-extra').textContent = extra;
  field.value = value;
  copy.textContent = 'Copy';
  copy.onclick = async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      copy.textContent = 'Copied';
    } catch (e) {
      field.select();
      copy.textContent = 'Press Ctrl+C';
    }
  };
  dialog.showModal();
  field.select();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      field.value = '';
      document.getElementById('secret-extra').textContent = '';
      copy.onclick = null;
      resolve();
    }, { once: true });
  });
}

/** Runs an action of a button: disabled while it runs, its error shown as the problem document. */
export async function act(button, work, done) {
  hideError();
  if (button) {
    button.disabled = true;
  }
  try {
    const result = await work();
    if (done) {
      say(done);
    }
    return result;
  } catch (e) {
    showError(e);
    return undefined;
  } finally {
    if (button) {
      button.disabled = false;
    }
  }
}

export function button(text, onClick, options = {}) {
  return h(`button${options.danger ? '.danger' : options.quiet ? '.quiet' : ''}`,
    { type: 'button', on: { click: (event) => onClick(event.currentTarget) }, 'aria-label': options.label,
      dataset: options.action ? { action: options.action } : undefined }, text);
}
