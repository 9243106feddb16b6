// The signed-in session, browser style: the access token lives in this object's memory only
// (never in storage, so a reload forgets it); the refresh token is an HttpOnly cookie the
// page cannot read, exchanged at /api/token/refresh/ for a new access token (and a rotated
// cookie). A reload therefore restores the session with one silent refresh.

import { ApiError, readError, readJSON } from './api-error.js';

const CSRF_COOKIE = 'csrftoken';
/**
 * Set in localStorage by an explicit sign-out until the server has revoked the session. The
 * refresh cookie is HttpOnly: while the shop cannot be reached it can be neither revoked nor
 * cleared from here, so without this mark the next page load would silently refresh it and
 * sign the shopper back in (on a shared computer, the next person). With it, no refresh is
 * ever attempted; the page revokes the session on the server as soon as it can.
 */
const SIGNED_OUT_KEY = 'uplyft.signedOut';

function signedOutHere() {
  try {
    return localStorage.getItem(SIGNED_OUT_KEY) !== null;
  } catch {
    // Storage switched off: no mark can have been written; the server-side logout is all
    // there is.
    return false;
  }
}

function markSignedOut(signedOut) {
  try {
    if (signedOut) localStorage.setItem(SIGNED_OUT_KEY, '1');
    else localStorage.removeItem(SIGNED_OUT_KEY);
  } catch {
    // Storage switched off: the server-side logout is all there is.
  }
}
const CSRF_HEADER = 'X-CSRF-Token';
/** Refresh this long before expiry at most; a network round trip fits many times over. */
const MAXIMUM_REFRESH_MARGIN_SECONDS = 30;

/** The value of a readable cookie, or null. */
function cookie(name) {
  for (const pair of document.cookie.split(';')) {
    const [key, ...rest] = pair.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

/** The token's own lifetime (exp - iat), which does not depend on this machine's clock. */
function lifetimeSeconds(accessToken, expiresAt) {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload));
    if (Number.isFinite(claims.exp) && Number.isFinite(claims.iat) && claims.exp > claims.iat) return claims.exp - claims.iat;
  } catch {
    // Not a JWT we can read: fall back to the server's expiry against our clock.
  }
  return Math.max(1, expiresAt - Date.now() / 1000);
}

/**
 * Events: `change` (signed in or token renewed), `ended` (the server refused the refresh
 * token: detail.message says why), `refresherror` (a scheduled refresh failed for another
 * reason, e.g. the network; detail.error).
 */
export class Session extends EventTarget {
  #access = null;
  #user = null;
  #refreshTimer = 0;
  #refreshing = null;

  get user() { return this.#user; }
  get signedIn() { return this.#access !== null; }

  async signIn(username, password) {
    const response = await fetch('/api/login/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
      credentials: 'same-origin',
    });
    if (!response.ok) throw await readError(response);
    this.#accept(await readJSON(response));
  }

  async signUp(username, password) {
    const response = await fetch('/api/register/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw await readError(response);
    await this.signIn(username, password);
  }

  /**
   * The silent refresh after a reload: true when the cookie still holds a session. Without a
   * csrftoken cookie there is no session to restore, so no request is made.
   */
  async restore() {
    if (signedOutHere()) {
      // Signed out while the shop was unreachable: finish the sign-out, never resume.
      await this.#revokeOnServer().catch(() => {});
      return false;
    }
    if (!cookie(CSRF_COOKIE)) return false;
    try {
      await this.refresh();
      return true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return false;
      throw error;
    }
  }

  /**
   * A new access token. Concurrent callers share one request: the server rotates the refresh
   * token and treats a second use of the old one as theft, ending the session.
   */
  refresh() {
    if (!this.#refreshing) {
      this.#refreshing = this.#refreshNow().finally(() => { this.#refreshing = null; });
    }
    return this.#refreshing;
  }

  async #refreshNow() {
    if (signedOutHere()) {
      // Another tab signed out: this one must not renew the session behind its back.
      this.#end('You signed out in another tab.');
      throw new ApiError(401, 'signed_out', 'You signed out. Please sign in again.');
    }
    const response = await fetch('/api/token/refresh/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: cookie(CSRF_COOKIE) ?? '' },
      body: '{}',
      credentials: 'same-origin',
    });
    if (!response.ok) {
      const error = await readError(response);
      if (response.status === 401 || response.status === 403) this.#end(error.message);
      throw error;
    }
    this.#accept(await readJSON(response));
  }

  /**
   * Signs out here at once and for good (the mark survives reloads and restarts), then revokes
   * the refresh token on the server. When the server cannot be reached the error is thrown
   * after the sign-out took effect here; the revocation is retried by the next `restore`.
   */
  async signOut() {
    markSignedOut(true);
    this.#forget();
    await this.#revokeOnServer();
  }

  /** True when a sign-out is still waiting for the server to revoke the session. */
  get revocationPending() { return signedOutHere(); }

  /** POST /api/logout/ with the cookie; clears the mark once the server has answered. */
  async #revokeOnServer() {
    const response = await fetch('/api/logout/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: cookie(CSRF_COOKIE) ?? '' },
      body: '{}',
      credentials: 'same-origin',
    });
    // 401/403: there was no session left to end (or no cookie), which is what signing out wants.
    if (!response.ok && response.status !== 401 && response.status !== 403) throw await readError(response);
    markSignedOut(false);
  }

  /** fetch() with the access token; a 401 gets one refresh and one retry. */
  async fetch(path, options = {}) {
    if (!this.#access) throw new ApiError(401, 'not_authenticated', 'You are signed out. Please sign in again.');
    let response = await fetch(path, this.#withToken(options));
    if (response.status === 401) {
      await this.refresh();
      response = await fetch(path, this.#withToken(options));
    }
    return response;
  }

  /** The JSON body of an authenticated request; an ApiError for any status but 2xx. */
  async json(path, options = {}) {
    const response = await this.fetch(path, options);
    if (!response.ok) throw await readError(response);
    return readJSON(response);
  }

  #withToken(options) {
    const headers = new Headers(options.headers);
    headers.set('Authorization', `Bearer ${this.#access}`);
    if (options.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return { ...options, headers };
  }

  #accept(body) {
    if (typeof body?.access !== 'string' || !body.user) throw new Error('The server sent an unexpected sign-in answer.');
    markSignedOut(false);
    this.#access = body.access;
    this.#user = body.user;
    this.#scheduleRefresh(lifetimeSeconds(body.access, Number(body.access_expires_at)));
    this.dispatchEvent(new Event('change'));
  }

  /** Renews the token a little before it expires: a fifth of its life, at most 30 s early. */
  #scheduleRefresh(lifetime) {
    clearTimeout(this.#refreshTimer);
    const margin = Math.min(MAXIMUM_REFRESH_MARGIN_SECONDS, lifetime / 5);
    const delayMilliseconds = Math.max(1, lifetime - margin) * 1000;
    this.#refreshTimer = setTimeout(() => {
      this.refresh().catch((error) => {
        // A refused token already raised `ended`; anything else (offline) is worth telling.
        if (!(error instanceof ApiError && (error.status === 401 || error.status === 403))) {
          this.dispatchEvent(new CustomEvent('refresherror', { detail: { error } }));
        }
      });
    }, delayMilliseconds);
  }

  #forget() {
    clearTimeout(this.#refreshTimer);
    this.#access = null;
    this.#user = null;
  }

  #end(message) {
    const wasSignedIn = this.signedIn;
    this.#forget();
    if (wasSignedIn) this.dispatchEvent(new CustomEvent('ended', { detail: { message } }));
  }
}
