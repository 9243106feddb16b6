// The product page (/products/{id}): every stored field, and "Ask about this", which takes
// the question to the chat.

import { readError } from './api-error.js';
import { element, showOnly } from './dom.js';
import { describe, installGlobalErrorHandlers, showError } from './errors.js';
import { price, rating, sameSiteImage } from './format.js';

installGlobalErrorHandlers();

const loading = document.getElementById('loading');
const article = document.getElementById('product');
const missing = document.getElementById('product-missing');

function stockText(stock) {
  if (typeof stock !== 'number') return '';
  return stock > 0 ? `${stock} in stock` : 'Out of stock';
}

function render(product) {
  document.title = `${product.name} · uplyft`;
  const image = document.getElementById('product-image');
  image.src = sameSiteImage(product.image);
  document.getElementById('product-category').textContent = product.category;
  document.getElementById('product-name').textContent = product.name;
  document.getElementById('product-brand').textContent = product.brand;
  document.getElementById('product-price').textContent = price(product.price);
  document.getElementById('product-rating').textContent = rating(product.rating);
  document.getElementById('product-stock').textContent = stockText(product.stock);
  document.getElementById('product-description').textContent = product.description;
  const order = Array.isArray(product.attribute_order) ? product.attribute_order : Object.keys(product.attributes ?? {});
  document.getElementById('product-attributes').replaceChildren(...order.flatMap((name) => [
    element('dt', {}, name),
    element('dd', {}, product.attributes?.[name] ?? ''),
  ]));
  const question = `Tell me about ${product.name}`;
  document.getElementById('ask-about').href = `/?ask=${encodeURIComponent(question)}`;
  showOnly(article, loading, article, missing);
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
  try {
    const response = await fetch(`/api/products/${encodeURIComponent(id)}/`);
    if (response.status === 404) {
      showOnly(missing, loading, article, missing);
      return;
    }
    if (!response.ok) throw await readError(response);
    render(await response.json());
  } catch (error) {
    loading.hidden = true;
    showError(`The product could not be loaded: ${describe(error)}`);
  }
}

start();
