// The signed-in shopper's cart, shared by every part of the page (cards, product page, cart
// page, the assistant): one object holds the last cart the server sent and tells everyone
// when it changes, so the badge and the cart page never disagree with the assistant.
//
// Events: `change` (detail.cart: the cart as /api/cart/ answers it, or null when signed out).

export class Cart extends EventTarget {
  #session;
  #cart = null;

  constructor(session) {
    super();
    this.#session = session;
  }

  /** The last cart the server sent; null before the first load or when signed out. */
  get current() { return this.#cart; }

  /** Units in the cart (0 when unknown). */
  get count() { return this.#cart?.item_count ?? 0; }

  /** Forgets the cart (sign-out). */
  clear() { this.#accept(null); }

  /** Reads the cart from the server. */
  async load() {
    return this.#accept(await this.#session.json('/api/cart/'));
  }

  /** Adds `quantity` units of a product to those in the cart. */
  async add(productId, quantity = 1) {
    return this.#accept(await this.#session.json('/api/cart/items/', {
      method: 'POST', body: JSON.stringify({ product_id: productId, quantity }),
    }));
  }

  /** Sets a line's quantity (1 to the cart's maximum). */
  async setQuantity(productId, quantity) {
    return this.#accept(await this.#session.json(`/api/cart/items/${encodeURIComponent(productId)}/`, {
      method: 'PUT', body: JSON.stringify({ quantity }),
    }));
  }

  async remove(productId) {
    return this.#accept(await this.#session.json(`/api/cart/items/${encodeURIComponent(productId)}/`, { method: 'DELETE' }));
  }

  /** The checkout review: lines, total and the token that confirms exactly this order. */
  review() {
    return this.#session.json('/api/checkout/', { method: 'POST', body: '{}' });
  }

  /** Places the reviewed order; the cart is empty afterwards. */
  async confirm(checkoutToken) {
    const order = await this.#session.json('/api/orders/', { method: 'POST', body: JSON.stringify({ checkout_token: checkoutToken }) });
    // The order and the emptied cart were one transaction on the server: if re-reading the
    // cart fails, empty is what it is.
    await this.load().catch(() => this.#accept({ ...this.#cart, lines: [], item_count: 0, subtotal_cents: 0 }));
    return order;
  }

  #accept(cart) {
    this.#cart = cart;
    this.dispatchEvent(new CustomEvent('change', { detail: { cart } }));
    return cart;
  }
}

/**
 * The click handler of every "Add to cart" button: adds one unit when signed in, else asks
 * the shopper to sign in (`askToSignIn`); the button says what happened, and the outcome is
 * announced through `status` (a role="status" element).
 */
export function addToCartHandler(session, cart, askToSignIn, status) {
  return async (product, button) => {
    if (!session.signedIn) {
      askToSignIn('Sign in to add products to your cart.');
      return;
    }
    const label = button.textContent;
    button.disabled = true;
    try {
      await cart.add(product.id, 1);
      button.textContent = 'Added ✓';
      if (status) status.textContent = `Added ${product.name} to your cart. ${cart.count} in the cart.`;
    } catch (error) {
      button.textContent = label;
      if (status) status.textContent = `${product.name} was not added: ${error instanceof TypeError
        ? 'the shop could not be reached. Check the connection and try again.' : error.message}`;
    } finally {
      button.disabled = false;
    }
  };
}
