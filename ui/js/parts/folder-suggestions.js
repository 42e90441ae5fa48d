// Owns the "Suggest from a project folder" list of Add a service: each vendor a project's
// manifests depend on, why (the packages, file by file), and "Watch…" for those not watched yet
// (which reads the vendor's page into the usual preview form), "watching" for those watched, or
// "cannot be watched" with the catalogue's reason for those whose vendor publishes nothing readable.
import { el } from '../dom.js';

/**
 * @param {import('../../types/lookout').FolderVendor} vendor
 * @param {(vendor: string) => void} onWatch
 */
function vendorRow(vendor, onWatch) {
  if (vendor.cannot_watch) {
    return el('li', { class: 'folder-vendor', data: { vendor: vendor.vendor } },
      el('div', { class: 'folder-vendor-head' }, el('span', { class: 'entry-name', text: vendor.vendor }), el('span', { class: 'chip', text: 'cannot be watched' })),
      el('p', { class: 'muted folder-vendor-cannot', text: `Cannot be watched: ${vendor.cannot_watch}` }),
      el('ul', { class: 'muted folder-vendor-why' }, vendor.why.map((line) => el('li', { text: line }))));
  }
  const action = vendor.watching
    ? el('span', { class: 'chip', text: 'watching' })
    : el('button', { attrs: { type: 'button' }, data: { vendor: vendor.vendor }, text: `Watch ${vendor.vendor}…`, on: { click: () => onWatch(vendor.vendor) } });
  return el('li', { class: 'folder-vendor', data: { vendor: vendor.vendor } },
    el('div', { class: 'folder-vendor-head' }, el('span', { class: 'entry-name', text: vendor.vendor }), action),
    el('ul', { class: 'muted folder-vendor-why' }, vendor.why.map((line) => el('li', { text: line }))));
}

/**
 * What a folder suggests, as a section: a heading naming the folder, one row per vendor (or a
 * line saying none was found), and the notes on what was left unread.
 * @param {import('../../types/lookout').FolderSuggestions} found
 * @param {(vendor: string) => void} onWatch
 */
export function folderSuggestions(found, onWatch) {
  const count = found.vendors.length;
  const heading = count === 0
    ? `No vendor from the catalogue found in ${found.folder}`
    : `${count} vendor${count === 1 ? '' : 's'} your code uses (${found.folder})`;
  return [
    el('h2', { attrs: { id: 'folder-suggestions-heading', tabindex: '-1' }, text: heading }),
    count ? el('ul', { class: 'folder-vendors', attrs: { id: 'folder-vendors' } }, found.vendors.map((v) => vendorRow(v, onWatch))) : null,
    found.notes.length ? el('ul', { class: 'notes' }, found.notes.map((note) => el('li', { text: note }))) : null,
  ].filter(Boolean);
}
