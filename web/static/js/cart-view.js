// The cart page (/#cart), the checkout review (/#checkout) with its confirmation, and the
// orders page (/#orders). Everything shown comes from the server's answers: the page never
// totals money itself, so what it shows is what the order will be.

import { ApiError, networkMessage } from './api-error.js';
import { element } from './dom.js';
import { cents, productPage, sameSiteImage } from './format.js';

const PROBLEMS = {
  not_in_catalog: 'No longer sold: remove it to order the rest.',
  no_price: 'Has no price yet, so it cannot be ordered.',
  out_of_stock: 'Out of stock: remove it to order the rest.',
  not_enough_stock: 'Fewer in stock than in your cart: lower the quantity.',
};

function units(count) {
  return `${count} ${count === 1 ? 'item' : 'items'}`;
}

function messageOf(error) {
  return error instanceof ApiError ? error.message : networkMessage(error);
}

const $ = (id) => document.getElementById(id);

export class CartView {
  #cart;
  #reviewToken = null;

  constructor(cart) {
    this.#cart = cart;
    cart.addEventListener('change', (event) => this.#render(event.detail.cart));
    $('checkout-button').addEventListener('click', () => { window.location.hash = '#checkout'; });
    $('place-order').addEventListener('click', () => this.#placeOrder());
  }

  /** Shows the cart as the server has it now. */
  async showCart() {
    this.#setError('cart-error', '');
    try {
      await this.#cart.load();
    } catch (error) {
      this.#setError('cart-error', `Your cart could not be loaded: ${messageOf(error)}`);
    }
  }

  #render(cart) {
    const lines = cart?.lines ?? [];
    $('cart-lines').replaceChildren(...lines.map((line) => this.#lineNode(line, cart.max_quantity ?? 99, true)));
    $('cart-empty').hidden = lines.length > 0;
    $('cart-summary').hidden = lines.length === 0;
    $('cart-units').textContent = units(cart?.item_count ?? 0);
    $('cart-subtotal').textContent = cents(cart?.subtotal_cents);
    $('checkout-button').disabled = lines.some((line) => line.problem);
  }

  /** One line: picture, name, price, quantity (editable in the cart), line total, problem. */
  #lineNode(line, maximum, editable) {
    const name = line.name ?? line.product_id;
    const inputId = `quantity-${line.product_id}`;
    const quantity = editable
      ? element('span', { className: 'cart-quantity' },
        element('label', { htmlFor: inputId }, 'Quantity'),
        element('input', {
          id: inputId, type: 'number', inputMode: 'numeric', min: 1, max: Math.min(maximum, line.stock ?? maximum),
          value: line.quantity, className: 'quantity-input', 'aria-label': `Quantity of ${name}`,
          onchange: (event) => this.#setQuantity(line, event.target),
        }),
        element('button', { type: 'button', className: 'button button-secondary remove-line', onclick: () => this.#remove(line) },
          'Remove', element('span', { className: 'visually-hidden' }, ` ${name}`)))
      : element('span', { className: 'cart-quantity' }, `Quantity ${line.quantity}`);
    return element('li', { className: 'cart-line', dataset: { productId: line.product_id } },
      element('img', { className: 'cart-line-image', src: sameSiteImage(line.image), alt: '', width: 96, height: 72 }),
      element('div', { className: 'cart-line-body' },
        element('a', { className: 'cart-line-name', href: productPage(line.product_id) }, name),
        element('span', { className: 'cart-line-price' }, `${cents(line.price_cents)} each`),
        quantity,
        element('strong', { className: 'cart-line-total' }, cents(line.line_total_cents)),
        line.problem ? element('p', { className: 'line-problem' }, PROBLEMS[line.problem] ?? line.problem) : null));
  }

  async #setQuantity(line, input) {
    const quantity = Number(input.value);
    this.#setError('cart-error', '');
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > Number(input.max)) {
      input.setAttribute('aria-invalid', 'true');
      this.#setError('cart-error', `Choose a quantity from 1 to ${input.max} for ${line.name ?? line.product_id}, or remove it.`);
      input.focus();
      return;
    }
    try {
      await this.#cart.setQuantity(line.product_id, quantity);
      $(`quantity-${line.product_id}`)?.focus();
    } catch (error) {
      this.#setError('cart-error', messageOf(error));
      await this.showCart();
    }
  }

  async #remove(line) {
    this.#setError('cart-error', '');
    try {
      await this.#cart.remove(line.product_id);
      $('cart-title').focus();
    } catch (error) {
      this.#setError('cart-error', messageOf(error));
    }
  }

  /** The review: the order as the server would place it, and its token. */
  async showReview() {
    this.#reviewToken = null;
    this.#setError('checkout-error', '');
    $('review-lines').replaceChildren();
    $('place-order').disabled = true;
    try {
      const review = await this.#cart.review();
      this.#reviewToken = review.checkout_token;
      $('review-lines').replaceChildren(...review.lines.map((line) => this.#lineNode(line, 0, false)));
      $('review-units').textContent = units(review.item_count);
      $('review-total').textContent = cents(review.total_cents);
      $('place-order').disabled = false;
    } catch (error) {
      $('review-units').textContent = units(0);
      $('review-total').textContent = cents(0);
      this.#setError('checkout-error', `${messageOf(error)}`);
    }
  }

  /** Places the reviewed order, once: the button stays disabled while the request runs, and
   *  the server refuses a second confirmation of the same review. */
  async #placeOrder() {
    if (!this.#reviewToken) return;
    const button = $('place-order');
    button.disabled = true;
    this.#setError('checkout-error', '');
    try {
      const order = await this.#cart.confirm(this.#reviewToken);
      this.#reviewToken = null;
      // A reload of the confirmation shows the orders; its link to them is a real hash change.
      window.history.replaceState(null, '', '/#confirmation');
      this.onOrderPlaced?.(order);
    } catch (error) {
      this.#setError('checkout-error', messageOf(error));
      // A changed cart needs a fresh review; a network failure may be retried as it is.
      button.disabled = error instanceof ApiError;
    }
  }

  #setError(id, message) {
    const node = $(id);
    node.textContent = message;
    node.hidden = message === '';
  }
}

/** The orders page: newest first, each with its lines on demand. */
export class OrdersView {
  #session;
  #page = 1;

  constructor(session) {
    this.#session = session;
    $('orders-more').addEventListener('click', () => this.#load(this.#page + 1));
  }

  async show() {
    $('orders-list').replaceChildren();
    await this.#load(1);
  }

  async #load(page) {
    try {
      const answer = await this.#session.json(`/api/orders/?page=${page}`);
      this.#page = page;
      $('orders-list').append(...answer.results.map((order) => this.#orderNode(order)));
      $('orders-empty').hidden = answer.count > 0;
      $('orders-more').hidden = !answer.next;
    } catch (error) {
      $('orders-empty').hidden = false;
      $('orders-empty').textContent = `Your orders could not be loaded: ${messageOf(error)}`;
    }
  }

  #orderNode(order) {
    const date = new Date(order.created_at);
    const details = element('details', { className: 'order-details' },
      element('summary', {}, `Order #${order.id}: ${units(order.item_count)}, ${cents(order.total_cents)}`,
        Number.isNaN(date.getTime()) ? null : element('time', { dateTime: date.toISOString() }, `, ${date.toLocaleString()}`)));
    details.addEventListener('toggle', async () => {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = 'yes';
      try {
        const full = await this.#session.json(`/api/orders/${order.id}/`);
        details.append(element('ul', { className: 'order-lines' }, ...full.lines.map((line) => element('li', {},
          element('a', { href: productPage(line.product_id) }, line.name), ` × ${line.quantity}: ${cents(line.line_total_cents)}`))));
      } catch (error) {
        delete details.dataset.loaded;
        details.append(element('p', { className: 'form-error' }, `The order could not be loaded: ${messageOf(error)}`));
      }
    });
    return element('li', { className: 'order', dataset: { orderId: order.id } }, details);
  }
}
