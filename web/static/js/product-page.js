// The product page (/products/{id}): every stored field, stars, stock, "Add to cart" with a
// quantity, related products (same category, then same brand, from the public search API),
// and "Ask about this", which takes the question to the assistant. Works signed out: only
// adding to the cart asks for an account.

import { ApiError, networkMessage, readError, readJSON } from './api-error.js';
import { addToCartHandler, Cart } from './cart.js';
import { element, showOnly } from './dom.js';
import { describe, installGlobalErrorHandlers, showError } from './errors.js';
import { price, rating, sameSiteImage, stars } from './format.js';
import { productCard, setDefaultCardOptions } from './product-card.js';
import { Session } from './session.js';

installGlobalErrorHandlers();

const $ = (id) => document.getElementById(id);
const loading = $('loading');
const article = $('product');
const missing = $('product-missing');
const session = new Session();
const cart = new Cart(session);
let current = null;

cart.addEventListener('change', () => {
  $('cart-count').textContent = String(cart.count);
  $('cart-count').setAttribute('aria-label', `${cart.count} ${cart.count === 1 ? 'item' : 'items'}`);
});
function askToSignIn(reason) {
  const message = $('add-message');
  message.replaceChildren(`${reason} `, element('a', { href: '/#sign-in' }, 'Sign in'));
}
setDefaultCardOptions({ onAddToCart: addToCartHandler(session, cart, askToSignIn, $('cart-status')) });

function stockText(stock) {
  if (typeof stock !== 'number') return '';
  return stock > 0 ? `${stock} in stock` : 'Out of stock';
}

function render(product) {
  current = product;
  document.title = `${product.name} · uplyft`;
  $('product-image').src = sameSiteImage(product.image);
  $('product-category').textContent = product.category;
  $('product-name').textContent = product.name;
  $('product-brand').textContent = product.brand;
  $('product-price').textContent = price(product.price);
  $('product-stars').textContent = stars(product.rating);
  $('product-rating').textContent = rating(product.rating);
  $('product-stock').textContent = stockText(product.stock);
  $('product-description').textContent = product.description;
  const order = Array.isArray(product.attribute_order) ? product.attribute_order : Object.keys(product.attributes ?? {});
  $('product-attributes').replaceChildren(...order.flatMap((name) => [
    element('dt', {}, name),
    element('dd', {}, product.attributes?.[name] ?? ''),
  ]));
  const soldOut = typeof product.stock === 'number' && product.stock <= 0;
  $('add-quantity').max = String(Math.max(1, Math.min(99, typeof product.stock === 'number' ? product.stock : 99)));
  $('add-quantity').disabled = soldOut;
  $('add-button').disabled = soldOut || typeof product.price !== 'number';
  $('add-button').textContent = soldOut ? 'Sold out' : 'Add to cart';
  const question = `Tell me about ${product.name}`;
  $('ask-about').href = `/?ask=${encodeURIComponent(question)}`;
  showOnly(article, loading, article, missing);
}

$('add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = $('add-quantity');
  const message = $('add-message');
  const quantity = Number(input.value);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > Number(input.max)) {
    input.setAttribute('aria-invalid', 'true');
    message.textContent = `Choose a quantity from 1 to ${input.max}.`;
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  if (!session.signedIn) {
    askToSignIn('Your cart needs an account.');
    return;
  }
  $('add-button').disabled = true;
  try {
    await cart.add(current.id, quantity);
    message.textContent = `Added ${quantity} to your cart (${cart.count} ${cart.count === 1 ? 'item' : 'items'} in it).`;
  } catch (error) {
    message.textContent = error instanceof ApiError ? error.message : networkMessage(error);
  } finally {
    $('add-button').disabled = false;
  }
});

/** Up to four products of the same category (then the same brand), this one left out. */
async function showRelated(product) {
  const seen = new Set([product.id]);
  const related = [];
  for (const filter of [{ category: product.category }, { brand: product.brand }]) {
    if (related.length >= 4) break;
    const query = new URLSearchParams({ ...filter, page_size: '8' });
    const response = await fetch(`/api/search/?${query}`);
    if (!response.ok) continue;
    for (const item of (await readJSON(response)).results ?? []) {
      if (related.length < 4 && !seen.has(item.id)) {
        seen.add(item.id);
        related.push(item);
      }
    }
  }
  $('related-products').replaceChildren(...related.map((item) => productCard(item)));
  $('related').hidden = related.length === 0;
}

async function start() {
  const encodedId = window.location.pathname.slice('/products/'.length);
  let id;
  try {
    id = decodeURIComponent(encodedId);
  } catch {
    showOnly(missing, loading, article, missing);
    return;
  }
  session.restore().then((restored) => {
    if (!restored) return;
    $('sign-in-link').hidden = true;
    return cart.load();
  }).catch(() => { /* Signed out or offline: the page works without an account. */ });
  try {
    const response = await fetch(`/api/products/${encodeURIComponent(id)}/`);
    if (response.status === 404) {
      showOnly(missing, loading, article, missing);
      return;
    }
    if (!response.ok) throw await readError(response);
    const product = await readJSON(response);
    render(product);
    showRelated(product).catch(() => { $('related').hidden = true; });
  } catch (error) {
    loading.hidden = true;
    showError(`The product could not be loaded: ${describe(error)}`);
  }
}

start();
