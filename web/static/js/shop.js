// The shop page (/): restores the session with a silent refresh, then shows either the
// sign-in forms or the chat.

import { AuthForms } from './auth-forms.js';
import { ChatView } from './chat.js';
import { showOnly } from './dom.js';
import { describe, hideError, installGlobalErrorHandlers, showError } from './errors.js';
import { Session } from './session.js';

installGlobalErrorHandlers();

const session = new Session();
const chat = new ChatView(session);
const views = {
  loading: document.getElementById('loading'),
  auth: document.getElementById('auth'),
  chat: document.getElementById('chat'),
};
const account = document.getElementById('account');

// "Ask about this" on a product page links to /?ask=...; the question waits for a session
// and is then put in the message box, never sent: any site can link here, and a message can
// change the cart or ask for checkout, so only the shopper's own Enter or click sends it.
let pendingQuestion = new URLSearchParams(window.location.search).get('ask');
if (pendingQuestion !== null) window.history.replaceState(null, '', '/');

const forms = new AuthForms(session, showChat);

async function showChat() {
  hideError();
  document.getElementById('account-name').textContent = session.user?.username ?? '';
  account.hidden = false;
  showOnly(views.chat, ...Object.values(views));
  try {
    await chat.loadHistory();
  } catch (error) {
    showError(`The conversation could not be loaded: ${describe(error)}`);
  }
  if (pendingQuestion) {
    chat.prefill(pendingQuestion);
    pendingQuestion = null;
  } else {
    chat.focusInput();
  }
}

function showSignedOut(notice = '') {
  account.hidden = true;
  chat.clear();
  showOnly(views.auth, ...Object.values(views));
  forms.show('sign-in', notice);
}

session.addEventListener('ended', (event) => {
  showSignedOut(`Your session has ended. Please sign in again. (${event.detail.message})`);
});
session.addEventListener('refresherror', (event) => {
  showError(`Your session could not be renewed: ${describe(event.detail.error)}`);
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await session.signOut();
  } catch (error) {
    showError(`Signing out on the server failed (${describe(error)}); this page has forgotten you anyway.`);
  }
  showSignedOut();
});

async function start() {
  let restored = false;
  try {
    restored = await session.restore();
  } catch (error) {
    showError(`Your session could not be restored: ${describe(error)}`);
  }
  if (restored) await showChat();
  else showSignedOut();
}

start();
