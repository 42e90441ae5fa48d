import { test } from 'node:test';
import assert from 'node:assert/strict';
import './fake-dom.mjs';

const { folderSuggestions } = await import('../js/parts/folder-suggestions.js');

const vendor = (name, extra = {}) => ({
  vendor: name, catalogue_url: `https://status.${name.toLowerCase()}.com`, watching: false,
  cannot_watch: null, why: [`${name.toLowerCase()} 1.0.0 in package.json`], ...extra,
});

/** The rows of the vendors list, each as [vendor, its text, its buttons' count]. */
function rows(found, onWatch = () => {}) {
  const [, list] = folderSuggestions(found, onWatch);
  const buttons = (node) => (node.tagName === 'BUTTON' ? 1 : 0) + node.children.reduce((n, c) => n + buttons(c), 0);
  return list.children.map((li) => [li.dataset.vendor, li.textContent, buttons(li)]);
}

test('a vendor that cannot be watched says why, in the catalogue\'s words, and offers no Watch', () => {
  const found = {
    folder: '/home/me/shop',
    notes: [],
    vendors: [
      vendor('Okta', { cannot_watch: 'status.okta.com publishes only a web page: add a probe' }),
      vendor('Stripe'),
      vendor('GitHub', { watching: true }),
    ],
  };
  const [okta, stripe, github] = rows(found);
  assert.equal(okta[0], 'Okta');
  assert.match(okta[1], /cannot be watched/);
  assert.match(okta[1], /Cannot be watched: status\.okta\.com publishes only a web page: add a probe/);
  assert.match(okta[1], /okta 1\.0\.0 in package\.json/);
  assert.equal(okta[2], 0, 'no Watch button');
  assert.equal(stripe[2], 1, 'Watch Stripe…');
  assert.match(stripe[1], /Watch Stripe…/);
  assert.equal(github[2], 0);
  assert.match(github[1], /watching/);
});
