// The search's state and its place in the URL: q, filters, sort and page live in the query
// string (/?q=boots&brand=Nike&brand=Adidas&sort=price_asc&page=2), so a search can be
// shared, reloaded, and walked with Back and Forward.

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating_desc'];
const LISTS = ['category', 'brand', 'price'];

/** An empty search: everything, by relevance, first page. */
export function emptyState() {
  return { q: '', category: [], brand: [], price: [], rating_min: '', in_stock: false, sort: 'relevance', page: 1 };
}

/** The state a query string describes; values it cannot hold fall back to the defaults. */
export function stateFromQuery(search) {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = (params.get('q') ?? '').slice(0, 256);
  for (const name of LISTS) state[name] = params.getAll(name).filter((value) => value !== '').slice(0, 50);
  const rating = params.get('rating_min') ?? '';
  state.rating_min = /^[0-5]$/.test(rating) ? rating : '';
  state.in_stock = params.get('in_stock') === 'true';
  const sort = params.get('sort') ?? '';
  state.sort = SORTS.includes(sort) ? sort : 'relevance';
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  state.page = Number.isInteger(page) && page >= 1 && page <= 10000 ? page : 1;
  return state;
}

/** The state's filter, sort and page parameters, defaults left out. */
function stateParams(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const name of LISTS) for (const value of state[name]) params.append(name, value);
  if (state.rating_min) params.set('rating_min', state.rating_min);
  if (state.in_stock) params.set('in_stock', 'true');
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  return params;
}

/** The page's own URL for `state` ("/" for an empty search). */
export function pageURL(state) {
  const query = stateParams(state).toString();
  return query ? `/?${query}` : '/';
}

/** The search API's URL for `state`, with facets and highlights. */
export function apiURL(state, pageSize) {
  const params = stateParams(state);
  params.set('page_size', String(pageSize));
  params.set('facets', 'category,brand,price,rating,in_stock');
  params.set('highlight', 'true');
  return `/api/search/?${params}`;
}

/** Whether any filter is set (the empty state then offers to clear them). */
export function hasFilters(state) {
  return LISTS.some((name) => state[name].length > 0) || state.rating_min !== '' || state.in_stock;
}
