// Building DOM nodes without innerHTML: text from the server is always set as text, so a
// product name or a chat message can never become markup.

/**
 * `element('p', {className: 'x', dataset: {id: '1'}}, 'text', child)`.
 * Attributes are set as properties when the element has one (className, href, hidden…),
 * otherwise with setAttribute (aria-*, role).
 */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name in node && !name.includes('-')) node[name] = value;
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Shows exactly one of the given elements. */
export function showOnly(visible, ...all) {
  for (const node of all) node.hidden = node !== visible;
}
