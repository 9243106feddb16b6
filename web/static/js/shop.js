// The shop page (/): browsing and search need no account; the cart (/#cart), checkout
// (/#checkout), orders (/#orders) and the assistant panel do, and ask the shopper to sign in
// when they are used. The session is restored with a silent refresh (session.js).

import { AssistantPanel } from './assistant-panel.js';
import { AuthForms } from './auth-forms.js';
import { addToCartHandler, Cart } from './cart.js';
import { CartView, OrdersView } from './cart-view.js';
import { ChatView } from './chat.js';
import { describe, hideError, installGlobalErrorHandlers, showError } from './errors.js';
import { cents } from './format.js';
import { setDefaultCardOptions } from './product-card.js';
import { Session } from './session.js';

installGlobalErrorHandlers();

const $ = (id) => document.getElementById(id);
const session = new Session();
const cart = new Cart(session);
const cartStatus = $('cart-status');
/** The views of <main> this script switches between; the search section (when the page has
 *  one) is the home view. */
const views = ['loading', 'auth', 'cart-view', 'checkout-view', 'confirmation-view', 'orders-view'].map($);
const signedInViews = { '#cart': 'cart-view', '#checkout': 'checkout-view', '#orders': 'orders-view', '#confirmation': 'orders-view' };
// The assistant covers the whole screen below 64rem (shop.css): a modal dialog there.
const coversThePage = window.matchMedia('(max-width: 63.99rem)');
const panel = new AssistantPanel($('assistant'), $('assistant-toggle'), coversThePage);

/** What the shopper asked for before being asked to sign in: a view's hash or 'assistant'. */
let afterSignIn = null;

setDefaultCardOptions({ onAddToCart: addToCartHandler(session, cart, (reason) => askToSignIn(reason, window.location.hash), cartStatus) });
const chat = new ChatView(session, {
  // The assistant can add, remove and order: the badge and cart page follow its answers.
  onReply: () => cart.load().catch((error) => { cartStatus.textContent = `The cart could not be updated: ${describe(error)}`; }),
});
const cartView = new CartView(cart);
const ordersView = new OrdersView(session);
cartView.onOrderPlaced = (order) => {
  $('confirmation-text').textContent = `Order #${order.id} is placed: ${order.item_count} ${order.item_count === 1 ? 'item' : 'items'}, ${cents(order.total_cents)}. (This shop is a demo: nothing will ship.)`;
  showView('confirmation-view');
};

cart.addEventListener('change', () => {
  const count = cart.count;
  $('cart-count').textContent = String(count);
  $('cart-count').setAttribute('aria-label', `${count} ${count === 1 ? 'item' : 'items'}`);
});

// "Ask about this" on a product page links to /?ask=...; the question waits for a session
// and is then put in the message box, never sent: any site can link here, and a message can
// change the cart or ask for checkout, so only the shopper's own Enter or click sends it.
let pendingQuestion = new URLSearchParams(window.location.search).get('ask');
if (pendingQuestion !== null) window.history.replaceState(null, '', '/' + window.location.hash);

const forms = new AuthForms(session, onSignedIn);

function showView(id) {
  for (const view of views) view.hidden = view.id !== id;
  const search = $('search');
  if (search) search.hidden = id !== null;
  const heading = id ? $(id).querySelector('h1') : null;
  if (heading && document.activeElement !== $('message-input')) heading.focus();
}

function askToSignIn(reason, then) {
  afterSignIn = then;
  // Where the panel covers the page, the form would be under it (and inert): the panel
  // closes, and comes back after the sign-in when it asked for it.
  if (panel.isModal) panel.hide({ restoreFocus: false });
  $('auth-reason').textContent = reason;
  showView('auth');
  forms.show('sign-in');
}

/** The view the address names; signed-in views ask for an account first. */
async function route() {
  const hash = window.location.hash;
  if (hash === '#sign-in') {
    if (session.signedIn) return showView(null);
    return askToSignIn('Sign in to see your cart, your orders and the assistant.', '');
  }
  const view = signedInViews[hash];
  if (!view) return showView(null);
  if (!session.signedIn) return askToSignIn('Sign in to see your cart and your orders.', hash);
  if (hash === '#confirmation') return showView('orders-view');
  showView(view);
  if (view === 'cart-view') await cartView.showCart();
  else if (view === 'checkout-view') await cartView.showReview();
  else await ordersView.show();
}

// --- The assistant panel --------------------------------------------------------------------

let historyLoaded = false;

async function openAssistant() {
  panel.show();
  $('chat').hidden = !session.signedIn;
  $('reset-chat').hidden = !session.signedIn;
  $('assistant-signed-out').hidden = session.signedIn;
  if (!session.signedIn) {
    $('assistant-sign-in').focus();
    return;
  }
  if (!historyLoaded) {
    historyLoaded = true;
    $('history-error').hidden = true;
    try {
      await chat.loadHistory();
    } catch (error) {
      historyLoaded = false;
      // Said inside the panel: on a phone it covers the page and its banner.
      $('history-error-text').textContent = `The conversation could not be loaded: ${describe(error)}`;
      $('history-error').hidden = false;
      $('history-retry').focus();
      return;
    }
  }
  if (pendingQuestion) {
    chat.prefill(pendingQuestion);
    pendingQuestion = null;
  } else {
    chat.focusInput();
  }
}

function closeAssistant() {
  panel.hide();
}

$('assistant-toggle').addEventListener('click', () => (panel.isOpen ? closeAssistant() : openAssistant()));
$('assistant-close').addEventListener('click', closeAssistant);
$('history-retry').addEventListener('click', () => openAssistant());
$('assistant-sign-in').addEventListener('click', () => askToSignIn('Sign in to talk to the shopping assistant.', 'assistant'));
$('sign-in-button').addEventListener('click', () => askToSignIn('Sign in to see your cart, your orders and the assistant.', window.location.hash));

// --- Signing in and out ---------------------------------------------------------------------

function showSignedIn() {
  $('account-name').textContent = session.user?.username ?? '';
  $('account').hidden = false;
  $('sign-in-button').hidden = true;
}

async function onSignedIn() {
  hideError();
  showSignedIn();
  historyLoaded = false;
  cart.load().catch((error) => showError(`Your cart could not be loaded: ${describe(error)}`));
  const then = afterSignIn;
  afterSignIn = null;
  if (then === 'assistant' || pendingQuestion) {
    showView(null);
    await openAssistant();
  } else {
    if (then !== null && then !== window.location.hash) window.location.hash = then;
    await route();
    if (!$('assistant').hidden) await openAssistant();
  }
}

function showSignedOut(notice = '') {
  $('account').hidden = true;
  $('sign-in-button').hidden = false;
  chat.clear();
  cart.clear();
  historyLoaded = false;
  $('chat').hidden = true;
  $('reset-chat').hidden = true;
  $('history-error').hidden = true;
  $('assistant-signed-out').hidden = false;
  if (notice) {
    askToSignIn(notice, window.location.hash);
  } else {
    window.history.replaceState(null, '', '/');
    showView(null);
    if (!$('assistant').hidden) closeAssistant();
  }
}

session.addEventListener('ended', (event) => {
  showSignedOut(`Your session has ended. Please sign in again. (${event.detail.message})`);
});
session.addEventListener('refresherror', (event) => {
  showError(`Your session could not be renewed: ${describe(event.detail.error)}`);
});

$('sign-out').addEventListener('click', async () => {
  try {
    await session.signOut();
    hideError();
  } catch {
    showError('You are signed out on this computer. The shop could not be reached to end the session on its side; '
      + 'this page will end it there as soon as the shop answers again.');
  }
  showSignedOut();
  $('sign-in-button').focus();
});

// Where the assistant covers the page, going to another view closes it (the view's heading
// takes the focus).
window.addEventListener('hashchange', () => {
  if (panel.isModal) panel.hide({ restoreFocus: false });
  route();
});

async function start() {
  let restored = false;
  try {
    restored = await session.restore();
  } catch (error) {
    showError(`Your session could not be restored: ${describe(error)}`);
  }
  $('loading').hidden = true;
  if (restored) {
    showSignedIn();
    cart.load().catch((error) => showError(`Your cart could not be loaded: ${describe(error)}`));
  }
  await route();
  if (pendingQuestion) {
    if (restored) await openAssistant();
    else askToSignIn('Sign in to ask the shopping assistant.', 'assistant');
  }
}

start();
