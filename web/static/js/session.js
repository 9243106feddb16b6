// The signed-in session, browser style: the access token lives in this object's memory only
// (never in storage, so a reload forgets it); the refresh token is an HttpOnly cookie the
// page cannot read, exchanged at /api/token/refresh/ for a new access token (and a rotated
// cookie). A reload therefore restores the session with one silent refresh.

import { ApiError, readError } from './api-error.js';

const CSRF_COOKIE = 'csrftoken';
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
    this.#accept(await response.json());
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
    this.#accept(await response.json());
  }

  /** Revokes the refresh token on the server, then forgets everything here. */
  async signOut() {
    let failure = null;
    try {
      const response = await fetch('/api/logout/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: cookie(CSRF_COOKIE) ?? '' },
        body: '{}',
        credentials: 'same-origin',
      });
      // 401: the session had already ended on the server, which is what signing out wants.
      if (!response.ok && response.status !== 401) failure = await readError(response);
    } catch (error) {
      failure = error;
    }
    this.#forget();
    if (failure) throw failure;
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
    return response.json();
  }

  #withToken(options) {
    const headers = new Headers(options.headers);
    headers.set('Authorization', `Bearer ${this.#access}`);
    if (options.body && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    return { ...options, headers };
  }

  #accept(body) {
    if (typeof body?.access !== 'string' || !body.user) throw new Error('The server sent an unexpected sign-in answer.');
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
