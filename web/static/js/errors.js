// Shows failures to the shopper instead of swallowing them: API errors, network failures
// and uncaught JavaScript errors all land in the page's alert banner (and the console).

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

/** A short sentence for any thrown value. */
export function describe(error) {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}

/** Catches what no one else did: uncaught errors and rejected promises nobody awaited. */
export function installGlobalErrorHandlers() {
  window.addEventListener('error', (event) => {
    showError(`Something went wrong on this page: ${event.message || describe(event.error)}`);
  });
  window.addEventListener('unhandledrejection', (event) => {
    showError(`Something went wrong on this page: ${describe(event.reason)}`);
  });
  document.getElementById('error-dismiss')?.addEventListener('click', hideError);
}
