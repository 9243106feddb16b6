// The assistant panel's frame: open or closed, and what it is at the current width. Below
// 64rem it covers the whole page (shop.css), so there it is a modal dialog as in the WAI-ARIA
// Authoring Practices' "Dialog (Modal)" pattern: role="dialog" with aria-modal and a name,
// the rest of the page inert, Tab and Shift+Tab going round its own controls. From 64rem it
// is a column beside the page (role="complementary"), and the page stays usable. At every
// width Escape closes it and the focus goes back to the control that opened it.

/** Controls that take the focus with Tab (the panel never uses a positive tabindex). */
const TABBABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

export class AssistantPanel {
  #panel;
  #toggle;
  #covers;
  /** The element that had the focus when the panel opened; it gets it back on close. */
  #opener = null;

  /**
   * `panel`: the panel element (its name comes from its aria-labelledby); `toggle`: the header
   * button that opens and closes it (its aria-expanded follows); `coversThePage`: the media
   * query under which the panel covers the page.
   */
  constructor(panel, toggle, coversThePage) {
    this.#panel = panel;
    this.#toggle = toggle;
    this.#covers = coversThePage;
    this.#covers.addEventListener('change', () => this.#applyMode());
    panel.addEventListener('keydown', (event) => this.#onKeydown(event));
    this.#applyMode();
  }

  get isOpen() { return !this.#panel.hidden; }

  /** True while the panel is open over the whole page (a modal dialog). */
  get isModal() { return this.isOpen && this.#covers.matches; }

  /** Shows the panel; the caller moves the focus into it once its content is ready. */
  show() {
    if (this.isOpen) return;
    const active = document.activeElement;
    this.#opener = active && active !== document.body && !this.#panel.contains(active) ? active : null;
    this.#panel.hidden = false;
    this.#toggle.setAttribute('aria-expanded', 'true');
    document.body.classList.add('assistant-open');
    this.#applyMode();
  }

  /** Hides the panel. `restoreFocus`: give the focus back to the opener (or the toggle when
   *  the opener is gone or hidden); false when the page moves the focus itself. */
  hide({ restoreFocus = true } = {}) {
    if (!this.isOpen) return;
    this.#panel.hidden = true;
    this.#toggle.setAttribute('aria-expanded', 'false');
    document.body.classList.remove('assistant-open');
    this.#applyMode();
    const opener = this.#opener;
    this.#opener = null;
    if (!restoreFocus) return;
    const usable = opener && opener.isConnected && !opener.disabled && opener.getClientRects().length > 0;
    (usable ? opener : this.#toggle).focus();
  }

  /** Dialog or column, by the width now; the page behind a dialog is inert (no focus, no
   *  clicks, hidden from assistive technology). Other dialogs (<dialog>) stay usable. */
  #applyMode() {
    const modal = this.isModal;
    this.#panel.setAttribute('role', modal ? 'dialog' : 'complementary');
    if (modal) this.#panel.setAttribute('aria-modal', 'true');
    else this.#panel.removeAttribute('aria-modal');
    for (const element of document.body.children) {
      if (element !== this.#panel && element.tagName !== 'DIALOG' && element.tagName !== 'SCRIPT') element.inert = modal;
    }
  }

  #onKeydown(event) {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      this.hide();
      return;
    }
    if (event.key !== 'Tab' || !this.isModal) return;
    const controls = [...this.#panel.querySelectorAll(TABBABLE)]
      .filter((control) => !control.disabled && control.getClientRects().length > 0);
    if (controls.length === 0) return;
    const [first, last] = [controls[0], controls[controls.length - 1]];
    const active = document.activeElement;
    const outside = !this.#panel.contains(active) || active === this.#panel;
    if (event.shiftKey && (active === first || outside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || outside)) {
      event.preventDefault();
      first.focus();
    }
  }
}
