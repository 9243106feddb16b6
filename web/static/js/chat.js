// The conversation: history from the server, sending with a typing indicator, product
// cards, suggestion chips and the reset after a confirmation.

import { networkMessage } from './api-error.js';
import { element } from './dom.js';
import { describe, showError } from './errors.js';
import { fullTime, messageTime } from './format.js';
import { productCard } from './product-card.js';

/** Messages per history request; the newest page (or two) is shown first. */
const HISTORY_PAGE_SIZE = 50;

/** One message as an article: author and time, text, then any products and suggestions. */
function messageNode(message, onSuggestion) {
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
    ? element('ul', { className: 'product-grid', 'aria-label': `${products.length} products` }, ...products.map(productCard))
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
  /** The lowest history page shown; pages before it are behind "Show earlier messages". */
  #earliestPage = 1;

  constructor(session) {
    this.#session = session;
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
      this.#list.append(...messages.map((message) => messageNode(message, (text) => this.send(text))));
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
      const nodes = page.results.map((message) => messageNode(message, (text) => this.send(text)));
      this.#list.prepend(...nodes);
      this.#earlier.hidden = this.#earliestPage <= 1;
      nodes[0]?.setAttribute('tabindex', '-1');
      nodes[0]?.focus();
    } catch (error) {
      showError(`Earlier messages could not be loaded: ${networkMessage(error)}`);
    }
  }

  /** Sends a message; the reply (with products and suggestions) follows it in the list. */
  async send(rawText) {
    const text = rawText.trim();
    if (!text || this.#sending) return;
    this.#sending = true;
    this.#send.disabled = true;
    this.#input.value = '';
    const pending = messageNode({ role: 'user', text, created_at: new Date().toISOString() }, () => {});
    pending.classList.add('message-pending');
    this.#list.append(pending);
    this.#updateEmptyState();
    this.#typing.hidden = false;
    this.#scrollToEnd();
    try {
      const reply = await this.#session.json('/api/chat/', { method: 'POST', body: JSON.stringify({ message: text }) });
      pending.replaceWith(messageNode(reply.user_message, () => {}));
      const bot = {
        ...reply.bot_message,
        products: reply.bot_message?.products ?? reply.products,
        suggestions: reply.bot_message?.suggestions ?? reply.suggestions,
      };
      this.#list.append(messageNode(bot, (suggestion) => this.send(suggestion)));
    } catch (error) {
      pending.remove();
      // Give the words back so nothing typed is lost.
      if (!this.#input.value) this.#input.value = text;
      if (this.#session.signedIn) showError(`The message was not sent: ${networkMessage(error)}`);
    } finally {
      this.#sending = false;
      this.#send.disabled = false;
      this.#typing.hidden = true;
      this.#updateEmptyState();
      this.#scrollToEnd();
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
    window.scrollTo(0, document.documentElement.scrollHeight);
  }
}
