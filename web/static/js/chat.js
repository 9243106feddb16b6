// The conversation: history from the server, sending with a typing indicator, product
// cards, suggestion chips and the reset after a confirmation.

import { networkMessage } from './api-error.js';
import { element } from './dom.js';
import { describe, showError } from './errors.js';
import { fullTime, messageTime } from './format.js';
import { productCard } from './product-card.js';

/** Messages per history request; the newest page (or two) is shown first. */
const HISTORY_PAGE_SIZE = 50;

/** One message as an article: author and time, text, then any products (with "Add to cart"
 *  buttons through `cardOptions`) and suggestions. */
function messageNode(message, onSuggestion, cardOptions = {}) {
  const isUser = message.role === 'user';
  const created = new Date(message.created_at);
  const validDate = !Number.isNaN(created.getTime());
  const products = Array.isArray(message.products) ? message.products : [];
  const suggestions = Array.isArray(message.suggestions) ? message.suggestions : [];
  return element('article', {
    className: `message ${isUser ? 'message-user' : 'message-bot'}`,
    dataset: { role: isUser ? 'user' : 'bot', messageId: message.id ?? '' },
  },
  element('p', { className: 'message-meta' },
    element('span', { className: 'message-author' }, isUser ? 'You' : 'Assistant'),
    validDate ? element('time', { dateTime: created.toISOString(), title: fullTime(created) }, messageTime(created)) : null),
  element('p', { className: 'message-text' }, message.text),
  products.length > 0
    ? element('ul', { className: 'product-grid', 'aria-label': `${products.length} products` }, ...products.map((product) => productCard(product, cardOptions)))
    : null,
  suggestions.length > 0
    ? element('div', { className: 'suggestions', role: 'group', 'aria-label': 'Suggestions' },
      ...suggestions.map((text) => element('button', {
        type: 'button', className: 'chip', onclick: () => onSuggestion(text),
      }, text)))
    : null);
}

export class ChatView {
  #session;
  #list = document.getElementById('messages');
  #typing = document.getElementById('typing');
  #empty = document.getElementById('empty-chat');
  #earlier = document.getElementById('load-earlier');
  #form = document.getElementById('composer');
  #input = document.getElementById('message-input');
  #send = document.getElementById('send-button');
  #dialog = document.getElementById('reset-dialog');
  #resetButton = document.getElementById('reset-chat');
  #sending = false;
  #error = document.getElementById('composer-error');
  #errorText = document.getElementById('composer-error-text');
  #retry = document.getElementById('composer-retry');
  #cardOptions;
  #onReply;
  /** The lowest history page shown; pages before it are behind "Show earlier messages". */
  #earliestPage = 1;

  /**
   * `options.cardOptions`: passed to every product card (its "Add to cart" handler);
   * `options.onReply`: called after each answer (the assistant may have changed the cart).
   */
  constructor(session, options = {}) {
    this.#session = session;
    this.#cardOptions = options.cardOptions ?? {};
    this.#onReply = options.onReply ?? (() => {});
    this.#retry.addEventListener('click', () => this.send(this.#input.value));
    for (const example of document.querySelectorAll('#empty-chat .example-prompt')) {
      example.addEventListener('click', () => this.send(example.textContent));
    }
    this.#form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send(this.#input.value);
    });
    this.#input.addEventListener('keydown', (event) => {
      // Enter sends, Shift+Enter is a new line; an IME composing text keeps its Enter.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.send(this.#input.value);
      }
    });
    this.#resetButton.addEventListener('click', () => this.#dialog.showModal());
    this.#dialog.addEventListener('close', () => {
      if (this.#dialog.returnValue === 'confirm') this.reset();
      this.#dialog.returnValue = '';
    });
    this.#earlier.addEventListener('click', () => this.#loadEarlier());
  }

  focusInput() { this.#input.focus(); }

  /** Puts `text` in the message box for the shopper to read, change and send (or not),
   *  with the cursor at its end. Text from a link goes here, never straight to `send`. */
  prefill(text) {
    this.#input.value = text;
    this.#input.focus();
    this.#input.setSelectionRange(text.length, text.length);
  }

  /** Empties the view (sign-out): nothing of the last shopper stays on screen. */
  clear() {
    this.#hideError();
    this.#list.replaceChildren();
    this.#earlier.hidden = true;
    this.#empty.hidden = true;
    this.#input.value = '';
  }

  /** Shows the newest messages from the server. */
  async loadHistory() {
    this.clear();
    this.#list.setAttribute('aria-busy', 'true');
    try {
      const first = await this.#page(1);
      const lastPage = Math.max(1, Math.ceil(first.count / HISTORY_PAGE_SIZE));
      let messages = first.results;
      this.#earliestPage = 1;
      if (lastPage > 1) {
        const last = await this.#page(lastPage);
        messages = last.results;
        this.#earliestPage = lastPage;
        // A nearly empty last page alone would show too little of the conversation.
        if (messages.length < HISTORY_PAGE_SIZE / 2) {
          messages = (await this.#page(lastPage - 1)).results.concat(messages);
          this.#earliestPage = lastPage - 1;
        }
      }
      this.#list.append(...messages.map((message) => this.#node(message)));
      this.#retireSuggestions();
      this.#earlier.hidden = this.#earliestPage <= 1;
      this.#updateEmptyState();
      this.#scrollToEnd();
    } finally {
      this.#list.removeAttribute('aria-busy');
    }
  }

  async #page(number) {
    return this.#session.json(`/api/chat/history/?page=${number}&page_size=${HISTORY_PAGE_SIZE}`);
  }

  async #loadEarlier() {
    try {
      const page = await this.#page(this.#earliestPage - 1);
      this.#earliestPage -= 1;
      const nodes = page.results.map((message) => this.#node(message));
      this.#list.prepend(...nodes);
      this.#retireSuggestions();
      this.#earlier.hidden = this.#earliestPage <= 1;
      nodes[0]?.setAttribute('tabindex', '-1');
      nodes[0]?.focus();
    } catch (error) {
      showError(`Earlier messages could not be loaded: ${networkMessage(error)}`);
    }
  }

  #node(message) {
    return messageNode(message, (text) => this.send(text), this.#cardOptions);
  }

  /**
   * Only the newest answer's suggestions can be pressed. An old "yes, place the order" chip
   * pressed later would otherwise send a yes to whatever the conversation is now; the server
   * refuses a yes that does not follow its question (CheckoutConfirmation), and the page does
   * not offer to send one.
   */
  #retireSuggestions() {
    const bots = this.#list.querySelectorAll('.message-bot');
    const newest = bots[bots.length - 1];
    const newestIsLast = newest && newest === this.#list.lastElementChild;
    for (const chip of this.#list.querySelectorAll('.suggestions .chip')) {
      const current = newestIsLast && newest.contains(chip);
      chip.disabled = !current;
      chip.title = current ? '' : 'An earlier suggestion: type your answer instead';
    }
  }

  /** Shows why the message was not sent next to the box that still holds it, with a retry. */
  #showError(message) {
    this.#errorText.textContent = message;
    this.#error.hidden = false;
    this.#input.setAttribute('aria-invalid', 'true');
  }

  #hideError() {
    this.#error.hidden = true;
    this.#errorText.textContent = '';
    this.#input.removeAttribute('aria-invalid');
  }

  /** Sends a message; the reply (with products and suggestions) follows it in the list. */
  async send(rawText) {
    const text = rawText.trim();
    if (!text || this.#sending) return;
    // Keyboard and the Send button alike: the focus stays in (or comes back to) the box, so
    // the shopper can type the next message at once.
    const keepFocus = document.activeElement === this.#input || document.activeElement === this.#send
      || this.#form.contains(document.activeElement) || document.activeElement === document.body;
    this.#sending = true;
    this.#hideError();
    this.#send.setAttribute('aria-disabled', 'true');
    this.#input.value = '';
    this.#retireSuggestions();
    for (const chip of this.#list.querySelectorAll('.suggestions .chip')) chip.disabled = true;
    const pending = messageNode({ role: 'user', text, created_at: new Date().toISOString() }, () => {});
    pending.classList.add('message-pending');
    this.#list.append(pending);
    this.#updateEmptyState();
    this.#typing.hidden = false;
    this.#scrollToEnd();
    try {
      const reply = await this.#session.json('/api/chat/', { method: 'POST', body: JSON.stringify({ message: text }) });
      pending.replaceWith(messageNode(reply.user_message, () => {}, this.#cardOptions));
      const bot = {
        ...reply.bot_message,
        products: reply.bot_message?.products ?? reply.products,
        suggestions: reply.bot_message?.suggestions ?? reply.suggestions,
      };
      this.#list.append(this.#node(bot));
      this.#onReply(reply);
    } catch (error) {
      pending.remove();
      // Give the words back so nothing typed is lost, and say why next to them.
      if (!this.#input.value) this.#input.value = text;
      if (this.#session.signedIn) this.#showError(`Not sent: ${networkMessage(error)}`);
    } finally {
      this.#sending = false;
      this.#send.removeAttribute('aria-disabled');
      this.#typing.hidden = true;
      this.#retireSuggestions();
      this.#updateEmptyState();
      if (!this.#error.hidden) {
        this.#error.scrollIntoView({ block: 'nearest' });
      } else {
        this.#scrollToEnd();
      }
      if (keepFocus) this.#input.focus();
    }
  }

  /** Deletes the conversation on the server (after the dialog's confirmation). */
  async reset() {
    try {
      await this.#session.json('/api/chat/history/', { method: 'DELETE' });
      this.clear();
      this.#updateEmptyState();
      this.focusInput();
    } catch (error) {
      showError(`The conversation could not be cleared: ${describe(error)}`);
    }
  }

  #updateEmptyState() {
    this.#empty.hidden = this.#list.childElementCount > 0;
  }

  #scrollToEnd() {
    this.#list.lastElementChild?.scrollIntoView({ block: 'end' });
  }
}
