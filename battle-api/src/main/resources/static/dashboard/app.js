// The dashboard's shell: sign-in, the error banner and a hash router over the three pages.

import {ApiError, session, signIn} from './api.js';
import {clear, el} from './dom.js';
import {battlesPage} from './battles.js';
import {battlePage} from './battle.js';
import {agentsPage} from './agents.js';

const view = document.getElementById('view');
let leave = null;   // the current page's clean-up (closing its WebSocket)

/** Shows an error of the API as its message (and code), or any other failure as its text. */
export function showError(error) {
  const banner = document.getElementById('error');
  const message = error instanceof ApiError
    ? `${error.message} (${error.code})`
    : String(error?.message ?? error);
  document.getElementById('error-message').textContent = message;
  banner.dataset.code = error instanceof ApiError ? error.code : 'CLIENT_ERROR';
  banner.hidden = false;
  if (error instanceof ApiError && (error.code === 'INVALID_TOKEN' || error.code === 'AUTHENTICATION_REQUIRED')) {
    session.signOut();
    route();
  }
}

export function clearError() {
  document.getElementById('error').hidden = true;
}

/** Runs an action of a button or form, showing its error; the button stays disabled meanwhile. */
export async function attempt(action, button) {
  clearError();
  if (button) button.disabled = true;
  try {
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

function signInPage() {
  const form = el('form', {id: 'sign-in', class: 'card narrow'},
    el('h1', {}, 'Sign in'),
    el('p', {class: 'muted'}, 'With the account key and secret that registration showed once.'),
    el('label', {}, 'API key', el('input', {name: 'api_key', autocomplete: 'username', required: true})),
    el('label', {}, 'API secret', el('input', {name: 'api_secret', type: 'password', autocomplete: 'current-password', required: true})),
    el('button', {type: 'submit'}, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    await attempt(async () => {
      await signIn(String(data.get('api_key')).trim(), String(data.get('api_secret')).trim());
      if (location.hash === '' || location.hash === '#/' || location.hash === '#/sign-in') location.hash = '#/battles';
      else route();
    }, form.querySelector('button'));
  });
  return form;
}

export function route() {
  leave?.();
  leave = null;
  const signedIn = session.signedIn();
  document.getElementById('nav').hidden = !signedIn;
  if (!signedIn) {
    clear(view, signInPage());
    return;
  }
  const hash = location.hash.replace(/^#/, '') || '/battles';
  const battle = hash.match(/^\/battles\/([^/]+)$/);
  let page;
  if (battle) page = battlePage(decodeURIComponent(battle[1]));
  else if (hash === '/agents') page = agentsPage();
  else page = battlesPage();
  clear(view, page.node);
  leave = page.leave ?? null;
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  clearError();
  location.hash = '#/';
  route();
});
document.getElementById('error-close').addEventListener('click', clearError);
window.addEventListener('hashchange', () => { clearError(); route(); });
route();
