// The catalog search on the shop page: results as you type, facet filters with counts,
// sort, pages, did-you-mean and suggestions, with the state in the URL. Public: it needs no
// sign-in (the catalog API is public).
//
// Typing is debounced; every search gets a sequence number and aborts the one before, and
// an answer is drawn only if it belongs to the latest search, so a slow answer to "hea"
// never overwrites the answer to "headphones". Typing replaces the history entry (one entry
// per search, not per letter); submitting, filters, sort, pages and did-you-mean push one, so
// Back returns to the previous search and Forward comes back.

import { ApiError, networkMessage, readError, readJSON } from './api-error.js';
import { element } from './dom.js';
import { apiURL, emptyState, hasFilters, pageURL, stateFromQuery } from './search-state.js';
import { facetLists, resultCards } from './search-view.js';

const PAGE_SIZE = 12;
const TYPING_DELAY_MS = 200;
const SUGGEST_DELAY_MS = 120;

class SearchPage {
  constructor(root) {
    this.root = root;
    this.input = root.querySelector('#search-input');
    this.form = root.querySelector('#search-form');
    this.sort = root.querySelector('#search-sort');
    this.status = root.querySelector('#search-status');
    this.results = root.querySelector('#search-results');
    this.resultsTitle = root.querySelector('#search-results-title');
    this.facets = root.querySelector('#search-facets');
    this.filters = root.querySelector('#search-filters');
    this.empty = root.querySelector('#search-empty');
    this.emptyText = root.querySelector('#search-empty-text');
    this.clearFilters = root.querySelector('#search-clear-filters');
    this.didYouMean = root.querySelector('#search-did-you-mean');
    this.didYouMeanWords = root.querySelector('#search-did-you-mean-words');
    this.pager = root.querySelector('#search-pager');
    this.previous = root.querySelector('#search-previous');
    this.next = root.querySelector('#search-next');
    this.pageLabel = root.querySelector('#search-page');
    this.retry = root.querySelector('#search-retry');
    this.datalist = root.querySelector('#search-suggestions');
    this.state = emptyState();
    this.sequence = 0;
    this.controller = null;
    this.suggestSequence = 0;
    this.typingTimer = 0;
    this.suggestTimer = 0;
  }

  start() {
    if (window.matchMedia('(min-width: 48rem)').matches) this.filters.open = true;
    this.input.addEventListener('input', () => this.typed());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.typingTimer);
      this.change({ q: this.input.value.trim(), page: 1 }, 'push');
    });
    this.sort.addEventListener('change', () => this.change({ sort: this.sort.value, page: 1 }, 'push'));
    this.previous.addEventListener('click', () => this.change({ page: Math.max(1, this.state.page - 1) }, 'push'));
    this.next.addEventListener('click', () => this.change({ page: this.state.page + 1 }, 'push'));
    this.clearFilters.addEventListener('click', () => {
      this.change({ category: [], brand: [], price: [], rating_min: '', in_stock: false, page: 1 }, 'push');
    });
    this.retry.addEventListener('click', () => this.search());
    window.addEventListener('popstate', () => this.restore());
    this.restore();
  }

  /** The state of the current URL, drawn and searched (page load, Back, Forward). */
  restore() {
    this.state = stateFromQuery(window.location.search);
    this.input.value = this.state.q;
    this.sort.value = this.state.sort;
    this.search();
  }

  typed() {
    clearTimeout(this.typingTimer);
    clearTimeout(this.suggestTimer);
    this.typingTimer = setTimeout(() => this.change({ q: this.input.value.trim(), page: 1 }, 'replace'), TYPING_DELAY_MS);
    this.suggestTimer = setTimeout(() => this.suggest(this.input.value), SUGGEST_DELAY_MS);
  }

  /** Applies `changes`, records the state in the history, and searches. */
  change(changes, history) {
    this.state = { ...this.state, ...changes };
    const url = pageURL(this.state);
    if (url !== window.location.pathname + window.location.search) {
      if (history === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
    this.input.value = this.input.value.trim() === this.state.q ? this.input.value : this.state.q;
    this.sort.value = this.state.sort;
    this.search();
  }

  facetChanged(facet, value, checked) {
    if (facet === 'rating') return this.change({ rating_min: value, page: 1 }, 'push');
    if (facet === 'in_stock') return this.change({ in_stock: checked, page: 1 }, 'push');
    const values = this.state[facet].filter((existing) => existing !== value);
    if (checked) values.push(value);
    return this.change({ [facet]: values, page: 1 }, 'push');
  }

  async search() {
    this.sequence += 1;
    const sequence = this.sequence;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.root.setAttribute('aria-busy', 'true');
    this.retry.hidden = true;
    let body;
    try {
      const response = await fetch(apiURL(this.state, PAGE_SIZE), { signal: controller.signal, headers: { Accept: 'application/json' } });
      if (!response.ok) throw await readError(response);
      body = await readJSON(response);
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.root.removeAttribute('aria-busy');
      this.status.textContent = navigator.onLine === false
        ? 'You are offline; the search will work again once you are back online.'
        : `The search did not work. ${failureMessage(error)}`;
      this.retry.hidden = false;
      return;
    }
    // A newer search started while this one was on its way: its answer is the one to show.
    if (sequence !== this.sequence) return;
    this.root.removeAttribute('aria-busy');
    // The query the drawn answer is for, as the server echoes it (tests read it).
    this.root.dataset.shownQuery = body.query ?? '';
    this.draw(body);
  }

  draw(body) {
    const focused = this.focusBefore();
    this.drawAnswer(body);
    this.restoreFocus(focused);
  }

  /** Where the focus is inside the search before a redraw. A redraw replaces the facet
   *  inputs and may hide or disable the control just pressed (Clear filters, Next on the last
   *  page, a did-you-mean word), which would drop the focus to the page body. */
  focusBefore() {
    const active = document.activeElement;
    if (!active || active === document.body || !this.root.contains(active)) return null;
    return { element: active, facet: active.dataset.facet, value: active.dataset.value };
  }

  /** Puts the focus back after a redraw: on the same control if it is still usable, on the
   *  new input for the same facet value, else on the results' heading. */
  restoreFocus(before) {
    if (!before) return;
    const { element: old, facet, value } = before;
    if (old.isConnected && !old.disabled && old.getClientRects().length > 0) return;
    const same = facet === undefined ? null
      : [...this.facets.querySelectorAll('input')].find((input) => input.dataset.facet === facet && input.dataset.value === value);
    (same ?? this.resultsTitle).focus();
  }

  drawAnswer(body) {
    const count = body.count ?? 0;
    const q = this.state.q;
    this.status.textContent = count === 0 ? 'No products found.'
      : `${count.toLocaleString('en-US')}${body.count_relation === 'gte' ? '+' : ''} ${count === 1 ? 'product' : 'products'}${q ? ` for “${q}”` : ''}`;
    this.results.replaceChildren(...resultCards(body.results ?? []));
    for (const image of this.results.querySelectorAll('img')) image.loading = 'eager';
    this.facets.replaceChildren(...facetLists(body.facets, this.state, (facet, value, checked) => this.facetChanged(facet, value, checked)));

    const suggestions = body.did_you_mean ?? [];
    this.didYouMean.hidden = suggestions.length === 0;
    this.didYouMeanWords.replaceChildren(...suggestions.flatMap((word, position) => {
      const button = element('button', { type: 'button', className: 'link-button' }, word);
      button.addEventListener('click', () => this.change({ q: word, page: 1 }, 'push'));
      return position === 0 ? [button] : [', ', button];
    }));

    this.empty.hidden = count > 0;
    if (count === 0) {
      this.emptyText.textContent = body.message
        ?? (hasFilters(this.state)
          ? 'Nothing matches these words with the filters you picked. Clear the filters, or try fewer or other words.'
          : 'Nothing matches these words. Check the spelling, try fewer words, or a more general one such as “shoes”.');
      this.clearFilters.hidden = !hasFilters(this.state);
    }
    const pages = Math.max(1, Math.ceil(count / PAGE_SIZE));
    this.pager.hidden = count <= PAGE_SIZE;
    this.pageLabel.textContent = `Page ${this.state.page} of ${pages}`;
    this.previous.disabled = body.previous == null;
    this.next.disabled = body.next == null;
  }

  async suggest(text) {
    this.suggestSequence += 1;
    const sequence = this.suggestSequence;
    if (text.trim().length < 2) {
      this.datalist.replaceChildren();
      return;
    }
    try {
      const response = await fetch(`/api/suggest/?${new URLSearchParams({ q: text, limit: '6' })}`);
      if (!response.ok) return;
      const body = await response.json();
      if (sequence !== this.suggestSequence) return;
      const options = [...(body.queries ?? []), ...(body.categories ?? []).map((category) => category.name)];
      this.datalist.replaceChildren(...options.map((value) => element('option', { value })));
    } catch {
      // Suggestions are a convenience: the search itself reports failures.
    }
  }
}

/** A failed search in the shopper's words: the API's own message (or readJSON's, for an
 *  answer that is not JSON), or what went wrong in general terms; never the browser's
 *  "Failed to fetch". */
function failureMessage(error) {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return networkMessage(error);
  return 'The shop sent an answer this page cannot read. Try again in a moment.';
}

const root = document.getElementById('search');
if (root) new SearchPage(root).start();
