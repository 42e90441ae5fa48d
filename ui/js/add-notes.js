// Owns what "Add a service" says around its results (pure): the hint when nothing in the
// catalogue matches (never once the page typed was read), "Already watching …", and why a
// catalogued service cannot be watched.

/** The hint when nothing in the catalogue matches a name. */
export const NO_MATCH = 'Nothing in the catalogue matches. Paste the address of the status page and press Check.';
/** The hint when an address typed is not in the catalogue (it is read by Check, not searched). */
export const NOT_CATALOGUED = 'Not in the catalogue: press Check to read this page.';

/** Whether `text` looks like an address rather than a name (a dot, a slash or a colon). */
export function looksLikeAddress(text) {
  return /[./:]/.test(String(text ?? '').trim());
}

/**
 * The hint under the results for `text` with `count` catalogue matches, when `checked` is the
 * text whose page was last read successfully: '' when there are matches, nothing is typed, or
 * that page was read (its preview says more than any hint).
 * @param {string} text
 * @param {number} count
 * @param {string | null} checked
 */
export function resultsNote(text, count, checked) {
  const typed = String(text ?? '').trim();
  if (!typed || count > 0 || typed === checked) return '';
  return looksLikeAddress(typed) ? NOT_CATALOGUED : NO_MATCH;
}

/**
 * The words before the link to a provider already watched: "Already watching GitHub — ".
 * @param {import('../types/lookout').Watching} watching
 */
export function watchingText(watching) {
  return `Already watching ${watching.name} — `;
}

/**
 * Why a catalogue entry cannot be watched ("Okta cannot be watched: …", the catalogue's reason,
 * which says what to do instead), or '' for an entry that can be.
 * @param {import('../types/lookout').CatalogEntry} entry
 */
export function notWatchableText(entry) {
  if (!entry || entry.reason === null || entry.reason === undefined) return '';
  const reason = String(entry.reason).trim() || 'its vendor publishes nothing Lookout reads';
  return `${entry.name} cannot be watched: ${reason}`;
}
