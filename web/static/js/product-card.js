// A product as a card (search results, the assistant's answers, related products): picture,
// name (the link to its page, clamped to two lines), brand, price, rating and stock, and an
// "Add to cart" button when the caller passes `onAddToCart`. In search results the name may
// come with highlights: `{text, match}` segments from the API, each set as text, the matched
// ones inside <mark>.

import { element } from './dom.js';
import { price, productPage, rating, sameSiteImage } from './format.js';

/** The name as text nodes and <mark> elements; the plain name without segments. */
function nameContent(product, highlights) {
  const segments = highlights?.name;
  if (!Array.isArray(segments) || segments.length === 0) return [product.name];
  return segments.map((segment) => (segment.match ? element('mark', {}, String(segment.text)) : String(segment.text)));
}

/** Options every card gets unless its caller passes its own: the page sets the shared
 *  "Add to cart" handler once (`setDefaultCardOptions`), so cards built anywhere (search
 *  results, related products, the assistant) have the same working button. */
let defaultOptions = {};

export function setDefaultCardOptions(options) {
  defaultOptions = { ...options };
}

/**
 * `options.onAddToCart(product, button)`: called when the card's button is pressed (the
 * button is left out without it, and disabled for a product out of stock).
 * `options.highlights`: the API's highlight segments of this product (search results).
 */
export function productCard(product, options = {}) {
  const page = productPage(product.id);
  const stock = product.in_stock === false ? 'Out of stock' : product.in_stock === true ? 'In stock' : '';
  const { onAddToCart, highlights } = { ...defaultOptions, ...options };
  let addButton = null;
  if (typeof onAddToCart === 'function') {
    addButton = element('button', {
      type: 'button', className: 'button add-to-cart', disabled: product.in_stock === false,
      'aria-label': `Add ${product.name} to the cart`,
    }, product.in_stock === false ? 'Sold out' : 'Add to cart');
    addButton.addEventListener('click', () => onAddToCart(product, addButton));
  }
  return element('li', { className: 'product-card', dataset: { productId: product.id } },
    element('img', {
      className: 'product-image', src: sameSiteImage(product.image), alt: '', width: 400, height: 300, loading: 'lazy',
    }),
    element('div', { className: 'product-card-body' },
      element('h3', { className: 'product-name', title: product.name },
        element('a', { href: page, className: 'product-link' }, ...nameContent(product, highlights))),
      element('p', { className: 'product-brand' }, product.brand),
      element('p', { className: 'product-price' }, price(product.price)),
      element('p', { className: 'product-facts' },
        product.rating != null ? element('span', {}, rating(product.rating)) : null,
        stock ? element('span', { className: product.in_stock ? 'in-stock' : 'out-of-stock' }, stock) : null),
      addButton));
}
