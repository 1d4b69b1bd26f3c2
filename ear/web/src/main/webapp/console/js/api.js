// The administration API as the console uses it: HTTP Basic credentials held in memory only (never stored),
// JSON in and out, and every refusal turned into the problem document the API sent.

const BASE = new URL('../api/v1/', document.baseURI);

/** A refusal of the API: the problem document's title and detail, and the HTTP status. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail || '';
  }
}

let authorization = null;

export function signIn(user, password) {
  // btoa takes Latin-1 only: encode the UTF-8 bytes first, as RFC 7617 asks
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  authorization = 'Basic ' + btoa(String.fromCharCode(...bytes));
}

export function signOut() {
  authorization = null;
}

export function signedIn() {
  return authorization !== null;
}

/** The absolute URL of an API path, for links (a recording's file). */
export function url(path) {
  return new URL(path.replace(/^\/?(api\/v1\/)?/, ''), BASE).href;
}

function headers(extra) {
  const all = { Accept: 'application/json', ...extra };
  if (authorization) {
    all.Authorization = authorization;
  }
  return all;
}

export async function request(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    credentials: 'omit', cache: 'no-store' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url(path), init);
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached', String(e.message || e));
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204 || response.status === 202) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

async function problemOf(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch (e) {
    // not a problem document (a proxy's page): the status says enough
  }
  return new ApiError(response.status, problem.title || `HTTP ${response.status}`, problem.detail || '');
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => request('PATCH', path, body);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

/** Downloads an authenticated file (a recording) through a blob: links cannot carry the credentials. */
export async function download(path, name) {
  const response = await fetch(url(path), { headers: headers({ Accept: 'video/mp4' }), credentials: 'omit' });
  if (!response.ok) {
    throw await problemOf(response);
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/**
 * Follows the server-sent events of {@code /api/v1/events}. EventSource cannot send credentials in a header, so
 * the stream is read with fetch; it reconnects with a growing pause when the connection ends.
 * Returns a function that stops it.
 */
export function followEvents(onEvent, onState) {
  let stopped = false;
  let controller = null;
  let pause = 1000;
  const run = async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(url('events'), { headers: headers({ Accept: 'text/event-stream' }),
          credentials: 'omit', cache: 'no-store', signal: controller.signal });
        if (!response.ok) {
          throw await problemOf(response);
        }
        onState(true);
        pause = 1000;
        await readEvents(response.body, onEvent);
      } catch (e) {
        if (stopped) {
          return;
        }
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
          onState(false, e);
          return;
        }
      }
      onState(false);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 15_000);
    }
  };
  run();
  return () => {
    stopped = true;
    if (controller) {
      controller.abort();
    }
  };
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      dispatch(block, onEvent);
    }
  }
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith(':')) {
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      name = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  if (data.length === 0) {
    return;
  }
  let payload = data.join('\n');
  try {
    payload = JSON.parse(payload);
  } catch (e) {
    // not JSON: passed on as text
  }
  onEvent(name, payload);
}
