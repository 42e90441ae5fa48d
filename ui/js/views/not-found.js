// Owns the view for a hash that is not one of the window's routes.
import { el } from '../dom.js';

export function mount(container, ctx) {
  ctx.setTitle('Not found');
  container.append(
    el('h1', { attrs: { tabindex: '-1' }, text: 'Nothing here' }),
    el('p', {}, 'This page does not exist. ', el('a', { attrs: { href: '#/overview' }, text: 'Go to the overview' }), '.'));
  return {};
}
