// Owns building DOM nodes: text only through textContent, and the one door for sanitised body_html.

const SETTABLE_PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'indeterminate', 'open']);

function appendChildren(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false || child === '') continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * el('button', { class: 'x', text: 'Hi', attrs: { type: 'button' }, on: { click } }, ...children).
 * Strings among the children become text nodes; there is deliberately no way to set innerHTML,
 * inline styles or `on*` attributes.
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  const { class: className, text, attrs, props, data, on, hidden } = options;
  if (className) {
    node.className = Array.isArray(className) ? className.filter(Boolean).join(' ') : className;
  }
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name) || name.toLowerCase() === 'style') throw new Error(`el: refusing attribute ${name}`);
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props ?? {})) {
    if (!SETTABLE_PROPS.has(name)) throw new Error(`el: refusing property ${name}`);
    node[name] = value;
  }
  for (const [name, value] of Object.entries(data ?? {})) {
    if (value !== null && value !== undefined) node.dataset[name] = String(value);
  }
  for (const [event, handler] of Object.entries(on ?? {})) node.addEventListener(event, handler);
  if (hidden) node.hidden = true;
  if (text !== null && text !== undefined) node.textContent = String(text);
  appendChildren(node, children);
  return node;
}

/**
 * Replaces a container's children and, if focus was on an element with `data-focus-key` inside
 * it, moves focus to the element with the same key in the new content.
 */
export function replaceKeepingFocus(container, ...children) {
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const key = active && container.contains(active) ? active.dataset?.focusKey : undefined;
  container.replaceChildren();
  appendChildren(container, children);
  if (key === undefined) return;
  for (const candidate of container.querySelectorAll('[data-focus-key]')) {
    if (candidate.dataset.focusKey === key) {
      candidate.focus({ preventScroll: true });
      return;
    }
  }
}

const BODY_TAGS = new Set(['A', 'B', 'STRONG', 'I', 'EM', 'CODE', 'PRE', 'BR', 'P', 'UL', 'OL', 'LI']);
const DROPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT',
  'TITLE', 'HEAD', 'SVG', 'MATH', 'TEXTAREA', 'SELECT']);

function copyAllowed(source, target, openLink) {
  for (const node of source.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      target.append(document.createTextNode(node.data));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = node.tagName.toUpperCase();
    if (DROPPED_TAGS.has(tag)) continue;
    if (!BODY_TAGS.has(tag)) {
      copyAllowed(node, target, openLink); // unknown wrapper: keep its text, drop the element
      continue;
    }
    const copy = document.createElement(tag.toLowerCase());
    if (tag === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) {
        copy.setAttribute('href', href);
        copy.setAttribute('rel', 'noopener noreferrer');
        copy.setAttribute('title', href);
        copy.className = 'external-link';
        copy.addEventListener('click', (event) => {
          event.preventDefault();
          openLink(href);
        });
      }
    }
    target.append(copy);
    copyAllowed(node, copy, openLink);
  }
}

/**
 * Puts an update's body_html (already sanitised by the backend) into `container`. It is parsed
 * in an inert document and only the allowed tags are copied over again, keeping only http(s)
 * `href`s; links open through `openLink(url)`, never inside the webview.
 */
export function insertBodyHtml(container, html, openLink) {
  const parsed = new DOMParser().parseFromString(String(html ?? ''), 'text/html');
  const fragment = document.createDocumentFragment();
  copyAllowed(parsed.body, fragment, openLink);
  container.replaceChildren(fragment);
  return container;
}
