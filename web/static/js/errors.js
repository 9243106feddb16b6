// Shows failures to the shopper instead of swallowing them: API errors, network failures
// and uncaught JavaScript errors all land in the page's alert banner (and the console).
// Messages are written for people: a failed fetch() says the shop could not be reached,
// never the browser's "Failed to fetch".

import { networkMessage } from './api-error.js';

const banner = () => document.getElementById('error-banner');

/** Shows `message` in the banner (role="alert", so screen readers announce it). */
export function showError(message) {
  const element = banner();
  if (!element) return;
  document.getElementById('error-text').textContent = message;
  element.hidden = false;
}

export function hideError() {
  const element = banner();
  if (element) element.hidden = true;
}

/** A short sentence for any thrown value, in the shopper's terms. */
export function describe(error) {
  if (error instanceof TypeError) return networkMessage(error);
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/** Catches what no one else did: uncaught errors and rejected promises nobody awaited. */
export function installGlobalErrorHandlers() {
  window.addEventListener('error', (event) => {
    console.error(event.error ?? event.message);
    showError('Something went wrong on this page. Reload it to try again.');
  });
  window.addEventListener('unhandledrejection', (event) => {
    showError(`Something went wrong on this page: ${describe(event.reason)}`);
  });
  document.getElementById('error-dismiss')?.addEventListener('click', hideError);
}
