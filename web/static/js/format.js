// How prices, ratings and times read on the page.

const priceFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function price(value) {
  return typeof value === 'number' && Number.isFinite(value) ? priceFormat.format(value) : 'Price on request';
}

export function rating(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `Rated ${value.toFixed(1)} of 5` : '';
}

/** "14:05" for today, "12 Mar 2026, 14:05" for other days. */
export function messageTime(date) {
  const now = new Date();
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? timeFormat.format(date) : dateTimeFormat.format(date);
}

export function fullTime(date) {
  return dateTimeFormat.format(date);
}

/**
 * Image addresses from the catalog are used only when they are paths on this site: the page
 * never loads anything from another host (the CSP would block it anyway).
 */
export function sameSiteImage(path) {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')
    ? path
    : '/images/products/product.svg';
}

/** The product page of an id, matching the server's `url` field. */
export function productPage(id) {
  return `/products/${encodeURIComponent(id)}`;
}
