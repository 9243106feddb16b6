// A product as a card in the chat and the search results: picture, name (the link to its
// page), brand, price. In search results the name may come with highlights: `{text, match}`
// segments from the API, each set as text, the matched ones inside <mark>.

import { element } from './dom.js';
import { price, productPage, rating, sameSiteImage } from './format.js';

/** The name as text nodes and <mark> elements; the plain name without segments. */
function nameContent(product, highlights) {
  const segments = highlights?.name;
  if (!Array.isArray(segments) || segments.length === 0) return [product.name];
  return segments.map((segment) => (segment.match ? element('mark', {}, String(segment.text)) : String(segment.text)));
}

export function productCard(product, { highlights } = {}) {
  const page = productPage(product.id);
  const stock = product.in_stock === false ? 'Out of stock' : product.in_stock === true ? 'In stock' : '';
  return element('li', { className: 'product-card', dataset: { productId: product.id } },
    element('img', {
      className: 'product-image', src: sameSiteImage(product.image), alt: '', width: 400, height: 300, loading: 'lazy',
    }),
    element('div', { className: 'product-card-body' },
      element('h3', { className: 'product-name' }, element('a', { href: page, className: 'product-link' }, ...nameContent(product, highlights))),
      element('p', { className: 'product-brand' }, product.brand),
      element('p', { className: 'product-price' }, price(product.price)),
      element('p', { className: 'product-facts' },
        product.rating != null ? element('span', {}, rating(product.rating)) : null,
        stock ? element('span', { className: product.in_stock ? 'in-stock' : 'out-of-stock' }, stock) : null)));
}
