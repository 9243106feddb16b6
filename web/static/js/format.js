// How prices, ratings and times read on the page.

const priceFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function price(value) {
  return typeof value === 'number' && Number.isFinite(value) ? priceFormat.format(value) : 'Price on request';
}

/** Whole cents as dollars ("$12.34"); the API counts money in cents so sums are exact. */
export function cents(value) {
  return Number.isSafeInteger(value) ? priceFormat.format(value / 100) : 'Price on request';
}

/** Five stars, filled to the rating rounded to the nearest half, as text ("★★★★½"). */
export function stars(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  const halves = Math.max(0, Math.min(10, Math.round(value * 2)));
  return '★'.repeat(Math.floor(halves / 2)) + (halves % 2 ? '½' : '') + '☆'.repeat(5 - Math.ceil(halves / 2));
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

const placeholderImage = '/images/products/product.svg';

/**
 * The address to load a catalog image from: the catalog's value only when it names a path on
 * this site, else the placeholder. The browser's own URL parser (WHATWG URL) decides, not string
 * tests: resolved against this page's origin, the address must be http(s), of this very origin
 * (scheme, host and port) and carry no user name or password. What is returned is the parsed
 * path and query, so the page loads exactly what was checked. Another host, "//host",
 * "javascript:" and "data:" addresses, and backslashes, tabs or line breaks that the parser
 * reads as slashes or drops ("/\host", "/\t/host") all give the placeholder.
 */
export function sameSiteImage(value) {
  if (typeof value !== 'string' || value.trim() === '') return placeholderImage;
  let url;
  try {
    url = new URL(value, location.origin);
  } catch {
    return placeholderImage;
  }
  const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
  if (!isWeb || url.origin !== location.origin || url.username !== '' || url.password !== '') return placeholderImage;
  return url.pathname + url.search;
}

/** The product page of an id, matching the server's `url` field. */
export function productPage(id) {
  return `/products/${encodeURIComponent(id)}`;
}
