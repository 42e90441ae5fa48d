// A small DOM for the rows' tests, enough for el(): elements with children, text, attributes and
// a dataset; installed as the global `document` and `Node` when imported (before the modules
// under test are).

export class FakeNode {
  constructor(tag) { this.tagName = tag?.toUpperCase(); this.children = []; this.parent = null; this.attrs = {}; this.dataset = {}; this.className = ''; this.text = ''; }
  set textContent(value) { this.children = []; this.text = value; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  setAttribute(name, value) { this.attrs[name] = value; }
  getAttribute(name) { return this.attrs[name] ?? null; }
  addEventListener() {}
  append(...nodes) { for (const n of nodes) { n.parent = this; this.children.push(n); } }
  /** Every node under this one (itself first) whose class list holds `name`. */
  byClass(name) {
    const own = this.className.split(' ').includes(name) ? [this] : [];
    return own.concat(...this.children.map((c) => c.byClass(name)));
  }
}

globalThis.Node = FakeNode;
globalThis.document = {
  createElement: (tag) => new FakeNode(tag),
  createTextNode: (text) => Object.assign(new FakeNode(), { text }),
};
