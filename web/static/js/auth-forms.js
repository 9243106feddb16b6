// Sign-in and sign-up forms: checks what can be checked here, shows the server's reason for
// anything else next to the form, and marks the fields concerned for assistive technology.

import { ApiError, networkMessage } from './api-error.js';

/** The fields a server error code is about, so they can be marked invalid. */
const FIELDS_BY_CODE = {
  invalid_credentials: ['username', 'password'],
  username_taken: ['username'],
  invalid_username: ['username'],
  // One code per password rule the server checks (PasswordPolicy); the message names it.
  password_blank: ['password'],
  password_too_short: ['password'],
  password_too_long: ['password'],
  password_entirely_numeric: ['password'],
  password_too_similar: ['password'],
  password_too_common: ['password'],
};

function setError(form, message, fieldNames = []) {
  const output = form.querySelector('.form-error');
  for (const input of form.querySelectorAll('input')) {
    if (fieldNames.includes(input.name)) {
      input.setAttribute('aria-invalid', 'true');
      // Keep the hint and add the error to what the field announces.
      const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      if (!described.includes(output.id)) input.setAttribute('aria-describedby', [...described, output.id].join(' '));
    } else {
      input.removeAttribute('aria-invalid');
    }
  }
  output.textContent = message;
  output.hidden = false;
  // Focus the first field to fix; the message is read as part of its description.
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}

function clearError(form) {
  const output = form.querySelector('.form-error');
  output.hidden = true;
  output.textContent = '';
  for (const input of form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
}

function messageFor(error) {
  if (error instanceof ApiError) return error.message;
  return networkMessage(error);
}

export class AuthForms {
  #signIn = document.getElementById('sign-in-form');
  #signUp = document.getElementById('sign-up-form');

  constructor(session, onSignedIn) {
    this.#signIn.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { username, password } = this.#values(this.#signIn);
      clearError(this.#signIn);
      if (!username || !password) {
        setError(this.#signIn, 'Enter your username and password.', [!username ? 'username' : 'password']);
        return;
      }
      await this.#submit(this.#signIn, async () => {
        await session.signIn(username, password);
        await onSignedIn();
      });
    });
    this.#signUp.addEventListener('submit', async (event) => {
      event.preventDefault();
      const { username, password, confirm } = this.#values(this.#signUp);
      clearError(this.#signUp);
      if (!/^[A-Za-z0-9._-]{3,32}$/.test(username)) {
        setError(this.#signUp, 'Usernames are 3 to 32 letters, digits, “.”, “-” or “_”.', ['username']);
        return;
      }
      if (password.length < 8) {
        setError(this.#signUp, 'The password needs at least 8 characters.', ['password']);
        return;
      }
      if (password !== confirm) {
        setError(this.#signUp, 'The two passwords differ. Type the same password twice.', ['confirm']);
        return;
      }
      await this.#submit(this.#signUp, async () => {
        await session.signUp(username, password);
        await onSignedIn();
      });
    });
    document.getElementById('show-sign-up').addEventListener('click', () => this.show('sign-up'));
    document.getElementById('show-sign-in').addEventListener('click', () => this.show('sign-in'));
  }

  /** Shows one form, empty, with the focus in its first field; `notice` explains why. */
  show(which = 'sign-in', notice = '') {
    const form = which === 'sign-up' ? this.#signUp : this.#signIn;
    this.#signIn.hidden = form !== this.#signIn;
    this.#signUp.hidden = form !== this.#signUp;
    for (const each of [this.#signIn, this.#signUp]) {
      clearError(each);
      for (const input of each.querySelectorAll('input[type="password"]')) input.value = '';
    }
    if (notice) setError(form, notice);
    form.querySelector('input').focus();
  }

  #values(form) {
    const data = new FormData(form);
    return {
      username: String(data.get('username') ?? '').trim(),
      password: String(data.get('password') ?? ''),
      confirm: String(data.get('confirm') ?? ''),
    };
  }

  async #submit(form, action) {
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await action();
    } catch (error) {
      const code = error instanceof ApiError ? error.code : '';
      setError(form, messageFor(error), FIELDS_BY_CODE[code] ?? []);
    } finally {
      button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  }
}
