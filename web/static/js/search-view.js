// Draws the search's answer: the count, did-you-mean, the result cards with their highlights,
// the facet lists with counts, the pager and the empty state. Everything from the server is
// set as text (element(), textContent); matched words go in <mark> elements.

import { element } from './dom.js';
import { productCard } from './product-card.js';

const FACET_TITLES = { category: 'Category', brand: 'Brand', price: 'Price', rating: 'Rating', in_stock: 'Availability' };

/** "$25 – $50", "Under $25", "$1,000 and up" for a price range's name ("25-50"). */
export function priceRangeLabel(name) {
  const [low, high] = name.split('-');
  const dollars = (text) => `$${Number(text).toLocaleString('en-US')}`;
  if (!high) return `${dollars(low)} and up`;
  if (Number(low) === 0) return `Under ${dollars(high)}`;
  return `${dollars(low)} – ${dollars(high)}`;
}

function valueLabel(facet, value) {
  if (facet === 'price') return priceRangeLabel(value);
  if (facet === 'rating') return `${value} stars and up`;
  if (facet === 'in_stock') return value === 'true' ? 'In stock' : 'Out of stock';
  return value;
}

/** A description snippet as text and <mark> segments. */
function snippet(segments) {
  if (!Array.isArray(segments) || segments.length === 0) return null;
  return element('p', { className: 'search-snippet' },
    ...segments.map((segment) => (segment.match ? element('mark', {}, String(segment.text)) : String(segment.text))));
}

export function resultCards(results) {
  return results.map((product) => {
    const card = productCard(product, { highlights: product.highlights });
    const text = snippet(product.highlights?.description);
    if (text) card.querySelector('.product-card-body')?.append(text);
    return card;
  });
}

/**
 * The facet lists. `onChange(facet, value, checked)` is called when the shopper ticks a box or
 * picks a rating. Category, brand and price are checkbox lists (any of the ticked values);
 * rating is a radio group (one threshold or any); stock a single checkbox.
 */
export function facetLists(facets, state, onChange) {
  const lists = [];
  for (const facet of ['category', 'brand', 'price', 'rating', 'in_stock']) {
    const counts = facets?.[facet];
    if (!counts) continue;
    let values = counts.values;
    if (facet === 'in_stock') values = values.filter((value) => value.value === 'true');
    if (facet === 'price' || facet === 'rating') values = values.filter((value) => value.count > 0 || value.selected);
    if (values.length === 0) continue;
    const fieldset = element('fieldset', { className: 'facet', dataset: { facet } },
      element('legend', {}, FACET_TITLES[facet]));
    const list = element('ul', { className: 'facet-values' });
    if (facet === 'rating') {
      const anyChecked = !values.some((value) => value.selected);
      list.append(radio(facet, '', 'Any rating', null, anyChecked, onChange));
    }
    for (const value of values) {
      const label = valueLabel(facet, value.value);
      list.append(facet === 'rating'
        ? radio(facet, value.value, label, value.count, value.selected, onChange)
        : checkbox(facet, value.value, label, value.count, value.selected, onChange));
    }
    fieldset.append(list);
    // The API filters to "in stock" only, so out-of-stock matches get a count, not a box.
    const outOfStock = facet === 'in_stock' ? counts.values.find((value) => value.value === 'false')?.count ?? 0 : 0;
    if (outOfStock > 0) {
      fieldset.append(element('p', { className: 'facet-more facet-out-of-stock' },
        `${outOfStock} out of stock${state.in_stock ? ', not shown' : ''}`));
    }
    if (counts.omitted_value_count > 0) {
      fieldset.append(element('p', { className: 'facet-more' }, `and ${counts.omitted_value_count} more; search to narrow them`));
    }
    lists.push(fieldset);
  }
  return lists;
}

let inputCount = 0;

function checkbox(facet, value, label, count, checked, onChange) {
  const id = `facet-${facet}-${inputCount += 1}`;
  const input = element('input', { type: 'checkbox', id, checked, dataset: { facet, value } });
  input.addEventListener('change', () => onChange(facet, value, input.checked));
  return element('li', {}, input,
    element('label', { htmlFor: id }, label, ' ', element('span', { className: 'facet-count' }, `(${count})`)));
}

function radio(facet, value, label, count, checked, onChange) {
  const id = `facet-${facet}-${inputCount += 1}`;
  const input = element('input', { type: 'radio', name: `facet-${facet}`, id, checked, dataset: { facet, value } });
  input.addEventListener('change', () => { if (input.checked) onChange(facet, value, true); });
  return element('li', {}, input,
    element('label', { htmlFor: id }, label, count === null ? null : ' ',
      count === null ? null : element('span', { className: 'facet-count' }, `(${count})`)));
}
