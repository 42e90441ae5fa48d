import { test } from 'node:test';
import assert from 'node:assert/strict';

// A small DOM, enough for el() and the list: elements with children, text, attributes, dataset.
class FakeNode {
  constructor(tag) { this.tagName = tag?.toUpperCase(); this.children = []; this.parent = null; this.attrs = {}; this.dataset = {}; this.className = ''; this.text = ''; }
  get isConnected() { let n = this; while (n.parent) n = n.parent; return n === fakeDocument.body; }
  set textContent(value) { this.children = []; this.text = value; }
  setAttribute(name, value) { this.attrs[name] = value; }
  getAttribute(name) { return this.attrs[name] ?? null; }
  addEventListener() {}
  append(...nodes) { for (const n of nodes) { n.remove(); n.parent = this; this.children.push(n); } }
  before(...nodes) {
    const siblings = this.parent.children;
    for (const n of nodes) { n.remove(); n.parent = this.parent; siblings.splice(siblings.indexOf(this), 0, n); }
  }
  remove() { if (this.parent) { this.parent.children.splice(this.parent.children.indexOf(this), 1); this.parent = null; } }
}
const fakeDocument = {
  body: new FakeNode('body'),
  createElement: (tag) => new FakeNode(tag),
  createTextNode: (text) => Object.assign(new FakeNode(), { text }),
  getElementById: (id) => (id === 'main' ? fakeDocument.body : null),
};
globalThis.Node = FakeNode;
globalThis.document = fakeDocument;

const { firstCount, growingList, nextCount, PAGE_ROWS, whenNear } = await import('../js/parts/growing-list.js');
const { incidentList } = await import('../js/parts/incident-rows.js');

const rowsOf = (list) => list.children.filter((n) => n.className !== 'list-more');
const sentinelOf = (list) => list.children.find((n) => n.className === 'list-more');

/** A fake IntersectionObserver: the test says when the sentinel is near (`fire`). */
class FakeObserver {
  static last = null;
  constructor(callback, options) { this.callback = callback; this.options = options; this.watched = new Set(); this.observed = 0; FakeObserver.last = this; }
  observe(node) { this.watched.add(node); this.observed += 1; }
  unobserve(node) { this.watched.delete(node); }
  disconnect() { this.watched.clear(); this.disconnected = true; }
  fire(isIntersecting) { this.callback([...this.watched].map((target) => ({ target, isIntersecting }))); }
}

test('growing list: a page at first (or as many as before), one more page each time, never more than all', () => {
  assert.equal(PAGE_ROWS, 40);
  assert.equal(firstCount(500), 40);
  assert.equal(firstCount(12), 12);
  assert.equal(firstCount(500, 130), 130);
  assert.equal(firstCount(100, 130), 100);
  assert.equal(nextCount(40, 500), 80);
  assert.equal(nextCount(480, 500), 500);
  assert.equal(nextCount(3, 10, 5), 8);
});

test('growing list: 500 rows render 40, then a page more each time the end is near, in order', () => {
  const rows = Array.from({ length: 500 }, (_, i) => i);
  let near = null;
  let watched = null;
  const heard = [];
  const list = growingList('ul', { class: 'x' }, rows, () => fakeDocument.createElement('li'),
    { watch: (sentinel, callback) => { watched = sentinel; near = callback; }, onShown: (n) => heard.push(n) });
  assert.equal(watched, sentinelOf(list), 'the sentinel is what is watched');
  assert.equal(rowsOf(list).length, 40);
  assert.equal(list.children.at(-1).className, 'list-more', 'the sentinel ends the list');
  assert.equal(sentinelOf(list).attrs['aria-hidden'], 'true');
  assert.equal(near(), true);
  assert.equal(rowsOf(list).length, 80);
  assert.equal(list.children.at(-1).className, 'list-more');
  for (let i = 0; i < 10; i += 1) assert.equal(near(), true);
  assert.equal(rowsOf(list).length, 480);
  assert.equal(near(), false, 'nothing more after the last page');
  assert.equal(rowsOf(list).length, 500);
  assert.equal(sentinelOf(list), undefined, 'the sentinel is gone with the last page');
  assert.deepEqual(heard, [40, 80, 120, 160, 200, 240, 280, 320, 360, 400, 440, 480, 500]);
});

test('growing list: rows are rendered in order, and only when shown', () => {
  const rendered = [];
  let near = null;
  const list = growingList('ul', {}, ['a', 'b', 'c', 'd', 'e'], (r) => { rendered.push(r); return Object.assign(fakeDocument.createElement('li'), { text: r }); },
    { page: 2, watch: (_, callback) => { near = callback; } });
  assert.deepEqual(rendered, ['a', 'b']);
  near();
  near();
  assert.deepEqual(rowsOf(list).map((n) => n.text), ['a', 'b', 'c', 'd', 'e']);
});

test('growing list: a short list, or one shown in full before, is rendered whole with nothing to watch', () => {
  let watched = false;
  const watch = () => { watched = true; };
  assert.equal(rowsOf(growingList('ul', {}, [1, 2, 3], () => fakeDocument.createElement('li'), { watch })).length, 3);
  assert.equal(rowsOf(growingList('ul', {}, Array(90).fill(0), () => fakeDocument.createElement('li'), { watch, before: 90 })).length, 90);
  assert.equal(watched, false);
});

test('whenNear: only an intersecting end adds rows; it watches again while rows remain, then stops', () => {
  globalThis.IntersectionObserver = FakeObserver;
  try {
    const sentinel = fakeDocument.createElement('li');
    fakeDocument.body.append(sentinel);
    let calls = 0;
    whenNear(sentinel, () => { calls += 1; return calls < 3; });
    const observer = FakeObserver.last;
    assert.equal(observer.options.root, fakeDocument.body, 'the scrolling area is the root');
    assert.equal(observer.options.rootMargin, '0px 0px 100% 0px', 'a screen ahead');
    observer.fire(false);
    assert.equal(calls, 0);
    observer.fire(true);
    assert.equal(calls, 1);
    assert.equal(observer.observed, 2, 'observed again, so a still-visible end is reported again');
    observer.fire(true);
    observer.fire(true);
    assert.equal(calls, 3);
    assert.equal(observer.disconnected, true);
  } finally {
    delete globalThis.IntersectionObserver;
    fakeDocument.body.children = [];
  }
});

test('whenNear: a list no longer shown stops being watched; without IntersectionObserver all is rendered', () => {
  globalThis.IntersectionObserver = FakeObserver;
  try {
    const sentinel = fakeDocument.createElement('li'); // never attached: the view was left
    let calls = 0;
    whenNear(sentinel, () => { calls += 1; return true; });
    FakeObserver.last.fire(true);
    assert.equal(calls, 0);
    assert.equal(FakeObserver.last.disconnected, true);
  } finally {
    delete globalThis.IntersectionObserver;
  }
  let left = 4;
  whenNear(fakeDocument.createElement('li'), () => { left -= 1; return left > 0; });
  assert.equal(left, 0);
});

test('incident list: 500 incidents render 40 full rows, compact rows all at once', () => {
  const row = (i) => ({
    id: `inc-${i}`, provider_id: 1 + (i % 50), provider: `Vendor ${i % 50}`, title: `Incident ${i}`,
    status: 'resolved', impact: 'minor', active: false, started_at: '2026-11-01T10:00:00Z',
    resolved_at: '2026-11-01T11:00:00Z', updated_at: '2026-11-01T11:00:00Z', latest_update: null,
    suspected_lead_seconds: null,
  });
  const rows = Array.from({ length: 500 }, (_, i) => row(i));
  const now = Date.parse('2026-11-29T12:00:00Z');
  const full = incidentList(rows, now, { growth: { watch: () => {} } });
  assert.equal(full.className, 'incident-list full');
  assert.equal(rowsOf(full).length, 40);
  assert.equal(rowsOf(full)[39].children[0].dataset.incidentId, 'inc-39');
  assert.equal(rowsOf(incidentList(rows.slice(0, 60), now, { compact: true })).length, 60);
});
