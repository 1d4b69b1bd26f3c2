// The console's shell: sign-in, the caller's role, the routes (#/, #/streams/<code>, #/sessions, #/recordings,
// #/blocked) and the live updates every view listens to.

import * as api from './api.js';
import { clear, hideError, showError } from './dom.js';
import { streamsView } from './streams.js';
import { streamView } from './stream.js';
import { sessionsView } from './sessions.js';
import { recordingsView } from './recordings.js';
import { blockedView } from './blocked.js';

const view = document.getElementById('view');
const signInSection = document.getElementById('sign-in');
const listeners = new Set();
let caller = null;
let current = null;
let stopEvents = null;

/** What a view gets: who is signed in, and the live events. */
const context = {
  get caller() {
    return caller;
  },
  onEvent(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const stream = hash.match(/^\/streams\/(.+)$/);
  if (stream) {
    return () => streamView(context, stream[1]);
  }
  return {
    '/sessions': () => sessionsView(context),
    '/recordings': () => recordingsView(context),
    '/blocked': () => blockedView(context),
  }[hash] || (() => streamsView(context));
}

function show() {
  if (!caller) {
    return;
  }
  if (current) {
    current.close();
  }
  hideError();
  for (const link of document.querySelectorAll('#nav a')) {
    const target = link.getAttribute('href').slice(1);
    const here = (location.hash.slice(1) || '/') === target
      || (target === '/' && location.hash.startsWith('#/streams/'));
    if (here) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  current = route()();
  clear(view, current.element);
  view.focus({ preventScroll: true });
}

function signedIn(me) {
  caller = me;
  signInSection.hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('who').hidden = false;
  document.getElementById('who-name').textContent = me.name;
  document.getElementById('who-role').textContent = me.admin ? 'admin' : 'viewer';
  document.body.classList.toggle('admin', me.admin);
  const dot = document.getElementById('events-state');
  stopEvents = api.followEvents((name, data) => listeners.forEach((listener) => listener(name, data)),
    (connected, error) => {
      dot.classList.toggle('on', connected);
      dot.setAttribute('aria-label', connected ? 'Live updates: connected' : 'Live updates: reconnecting');
      if (error) {
        showError(error);
      }
    });
  show();
}

function signOut() {
  if (stopEvents) {
    stopEvents();
  }
  if (current) {
    current.close();
    current = null;
  }
  api.signOut();
  caller = null;
  listeners.clear();
  document.getElementById('nav').hidden = true;
  document.getElementById('who').hidden = true;
  document.body.classList.remove('admin');
  clear(view, signInSection);
  signInSection.hidden = false;
  document.getElementById('sign-in-form').reset();
  document.getElementById('user').focus();
}

document.getElementById('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const submit = form.querySelector('button');
  submit.disabled = true;
  hideError();
  api.signIn(form.user.value, form.password.value);
  try {
    const me = await api.get('me');
    form.password.value = '';
    signedIn(me);
  } catch (e) {
    api.signOut();
    showError(e);
    form.password.select();
  } finally {
    submit.disabled = false;
  }
});

document.getElementById('sign-out').addEventListener('click', signOut);
document.getElementById('notice-close').addEventListener('click', hideError);
window.addEventListener('hashchange', show);

signInSection.hidden = false;
document.getElementById('user').focus();
