// Owns the "Add a service" view: catalogue search and browsing by category, saying when what is
// typed is watched already, suggestions from a project folder, reading a page (preview), and
// adding it.
import { notWatchableText, resultsNote, watchingText } from '../add-notes.js';
import { debounce } from '../debounce.js';
import { el, replaceKeepingFocus } from '../dom.js';
import { intervalChoices, intervalLabel } from '../format.js';
import { componentStatusParts, statusBadge } from '../parts/badges.js';
import { folderSuggestions } from '../parts/folder-suggestions.js';
import { errorNotice, loadingNotice } from '../parts/notices.js';
import { providerHash } from '../routes.js';

const SEARCH_DEBOUNCE_MS = 150;
const FALLBACK_INTERVAL_SECS = 60;

/**
 * @param {import('../../types/lookout').CatalogEntry} entry
 * @param {(entry: import('../../types/lookout').CatalogEntry) => void} onChoose
 */
function catalogEntry(entry, onChoose) {
  return el('li', {}, el('button', {
    class: 'catalog-entry',
    attrs: { type: 'button' },
    data: { url: entry.url, focusKey: `catalog:${entry.url}` },
    on: { click: () => onChoose(entry) },
  }, el('span', { class: 'entry-name', text: entry.name }),
  el('span', { class: 'muted', text: [entry.category, entry.platform_label].filter(Boolean).join(' · ') })));
}

/**
 * @param {import('../../types/lookout').CatalogCategory} category
 * @param {(name: string) => void} onChoose
 */
function categoryButton(category, onChoose) {
  return el('li', {}, el('button', {
    class: 'link-button catalog-category',
    attrs: { type: 'button' },
    data: { category: category.name, focusKey: `category:${category.name}` },
    on: { click: () => onChoose(category.name) },
  }, `${category.name} (${category.count})`));
}

/** @param {import('../../types/lookout').ComponentView} component */
function componentLabel(component) {
  const { dot, label } = componentStatusParts(component.status);
  return [dot, el('span', { class: 'component-name', text: component.name }), label];
}

/** @param {import('../../types/lookout').ComponentView[]} components */
function componentChoices(components) {
  const boxes = components.map((c) => el('input', { attrs: { type: 'checkbox', value: c.id }, props: { checked: true } }));
  const setAll = (checked) => boxes.forEach((b) => { b.checked = checked; });
  const fieldset = el('fieldset', { class: 'component-choices' },
    el('legend', { text: `Components to watch (${components.length})` }),
    el('div', { class: 'actions' },
      el('button', { class: 'link-button', attrs: { type: 'button' }, text: 'Select all', on: { click: () => setAll(true) } }),
      el('button', { class: 'link-button', attrs: { type: 'button' }, text: 'Select none', on: { click: () => setAll(false) } }),
      el('span', { class: 'muted', text: 'Nothing selected means all of them.' })),
    el('ul', { class: 'component-list choice-list' }, components.map((c, i) =>
      el('li', { class: 'component' }, el('label', {}, boxes[i], ...componentLabel(c))))));
  /** [] when all (or none) are chosen: the backend reads that as "watch everything". */
  const chosenIds = () => {
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    return chosen.length === boxes.length ? [] : chosen;
  };
  return { fieldset, chosenIds };
}

/**
 * @param {import('../../types/lookout').Preview} preview
 * @param {number} defaultInterval
 * @param {import('../../types/window').ViewContext} ctx
 */
function previewForm(preview, defaultInterval, ctx) {
  const name = el('input', { attrs: { id: 'add-name', type: 'text', required: true, autocomplete: 'off' }, props: { value: preview.name } });
  const interval = el('select', { attrs: { id: 'add-interval' } },
    intervalChoices(defaultInterval).map((secs) => el('option', { attrs: { value: String(secs) }, props: { selected: secs === defaultInterval }, text: intervalLabel(secs) })));
  const submit = el('button', { class: 'primary', attrs: { type: 'submit', id: 'add-submit' }, text: `Watch ${preview.name}` });
  const errors = el('div');
  name.addEventListener('input', () => { submit.textContent = `Watch ${name.value.trim() || preview.name}`; });
  const components = preview.components ?? [];
  const choices = componentChoices(components);
  const incidents = preview.active_incidents ?? 0;
  const form = el('form', { class: 'preview card', attrs: { 'aria-labelledby': 'preview-heading' } },
    el('h2', { attrs: { id: 'preview-heading', tabindex: '-1' }, text: preview.name }),
    el('div', { class: 'card-header' },
      statusBadge(preview.status, 'card-status'),
      el('span', { class: 'chip', text: preview.platform_label }),
      el('span', { class: 'muted', text: incidents === 0 ? 'no active incidents' : `${incidents} active incident${incidents === 1 ? '' : 's'}` })),
    el('p', { class: 'provider-url muted', text: preview.url }),
    preview.notes?.length ? el('ul', { class: 'notes' }, preview.notes.map((note) => el('li', { text: note }))) : null,
    el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Name' }), name),
    components.length ? choices.fieldset : el('p', { class: 'muted', text: 'This page lists no components; Lookout will watch its incidents.' }),
    el('label', { class: 'field' }, el('span', { class: 'field-label', text: 'Check every' }), interval),
    el('div', { class: 'actions' }, submit),
    errors);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    errors.replaceChildren(loadingNotice('Adding…'));
    try {
      const card = await ctx.backend.addProvider({
        url: preview.url,
        name: name.value.trim() || preview.name,
        platform: preview.platform,
        component_ids: choices.chosenIds(),
        poll_interval_secs: Number(interval.value),
      });
      ctx.toast(`Now watching ${card.name}.`);
      ctx.navigate(providerHash(card.id));
    } catch (error) {
      submit.disabled = false;
      errors.replaceChildren(errorNotice(error));
    }
  });
  return form;
}

/** The view's state and nodes; each method does one thing. */
class AddView {
  /** @param {import('../../types/window').ViewContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    this.search = el('input', {
      attrs: { id: 'add-search', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: 'GitHub, OpenAI… or https://status.example.com  ( / )' },
      data: { searchBox: '' },
    });
    this.resultsHeading = el('h2', { text: 'Popular' });
    this.results = el('ul', { class: 'catalog-results', attrs: { id: 'catalog-results' } });
    this.resultsNote = el('div');
    this.categories = el('ul', { class: 'catalog-categories', attrs: { id: 'catalog-categories' } });
    this.browse = el('section', { class: 'catalog-browse', attrs: { 'aria-labelledby': 'browse-heading' } },
      el('h2', { attrs: { id: 'browse-heading' }, text: 'Browse by category' }), this.categories);
    /** @type {Promise<void> | null} the categories, asked for once */
    this.categoriesLoaded = null;
    this.previewArea = el('section', { attrs: { id: 'add-preview', 'aria-live': 'polite' }, hidden: true });
    this.folderArea = el('section', { class: 'folder-suggestions', attrs: { id: 'folder-suggestions', 'aria-live': 'polite' }, hidden: true });
    /** Says "Already watching GitHub — open it" as soon as what is typed names a provider watched. */
    this.watching = el('div', { attrs: { id: 'add-watching', 'aria-live': 'polite' } });
    /** @type {string | null} the text whose page was last read successfully */
    this.checkedText = null;
    this.searchSeq = 0;
    this.previewSeq = 0;
    this.defaultInterval = FALLBACK_INTERVAL_SECS;
    /** @type {Promise<void>} settles once the default interval is known */
    this.settingsLoaded = Promise.resolve();
  }

  /** The heading, the search form, the preview and the catalogue, in that order. */
  nodes() {
    return [
      el('h1', { attrs: { tabindex: '-1' }, text: 'Add a service' }),
      el('form', { class: 'add-form', attrs: { role: 'search' }, on: { submit: (e) => { e.preventDefault(); this.check(this.search.value); } } },
        el('label', { class: 'field wide', attrs: { for: 'add-search' } }, el('span', { class: 'field-label', text: 'Search the catalogue, or paste a status page address' })),
        el('div', { class: 'search-row' }, this.search, el('button', { attrs: { type: 'submit' }, text: 'Check' }))),
      el('p', { class: 'folder-row' },
        el('button', { class: 'link-button', attrs: { type: 'button', id: 'suggest-from-folder' }, text: 'Suggest from a project folder…', on: { click: () => this.suggestFromFolder() } }),
        el('span', { class: 'muted', text: ' the vendors your code already uses, from its manifests (read here, sent nowhere)' })),
      this.watching,
      this.previewArea,
      this.folderArea,
      el('section', { class: 'catalog' }, this.resultsHeading, this.results, this.resultsNote),
      this.browse,
    ];
  }

  /** Reads the default interval for the preview form; the fallback stays if it cannot. */
  loadSettings() {
    this.settingsLoaded = this.ctx.backend.settings()
      .then((s) => { this.defaultInterval = s.poll_interval_secs || FALLBACK_INTERVAL_SECS; })
      .catch(() => {});
  }

  /** Lists the categories to browse, once; a failure leaves the list empty. */
  loadCategories() {
    this.categoriesLoaded ??= this.ctx.backend.catalogCategories()
      .then((categories) => {
        if (!this.ctx.isActive()) return;
        this.categories.replaceChildren(...categories.map((c) => categoryButton(c, (name) => this.showCategory(name))));
      })
      .catch(() => {});
    return this.categoriesLoaded;
  }

  /**
   * Shows one category's services in place of the popular picks.
   * @param {string} name
   */
  async showCategory(name) {
    const { ctx, results, resultsNote } = this;
    const mine = ++this.searchSeq;
    try {
      const entries = await ctx.backend.catalogCategory(name);
      if (mine !== this.searchSeq || !ctx.isActive()) return;
      this.resultsHeading.textContent = name;
      replaceKeepingFocus(results, entries.map((entry) => catalogEntry(entry, (e) => this.choose(e))));
      resultsNote.replaceChildren();
    } catch (error) {
      if (mine === this.searchSeq && ctx.isActive()) resultsNote.replaceChildren(errorNotice(error));
    }
  }

  /**
   * The provider watched already that `text` names, or null (also when the backend cannot say:
   * the check then reads the page as before).
   * @param {string} text
   */
  async watchedAlready(text) {
    if (!text) return null;
    try {
      return await this.ctx.backend.alreadyWatching(text);
    } catch {
      return null;
    }
  }

  /**
   * "Already watching GitHub — open it" (a link to its page), or nothing.
   * @param {import('../../types/lookout').Watching | null} watching
   */
  watchingNote(watching) {
    if (!watching) return null;
    return el('p', { class: 'notice watching-note', attrs: { id: 'already-watching' } }, watchingText(watching),
      el('a', { attrs: { href: providerHash(watching.id), id: 'open-watched' }, text: 'open it' }));
  }

  async runSearch() {
    const { ctx, results } = this;
    const mine = ++this.searchSeq;
    const text = this.search.value.trim();
    this.browse.hidden = Boolean(text);
    if (!text) this.loadCategories();
    try {
      const [entries, watching] = await Promise.all([ctx.backend.catalogSearch(text), this.watchedAlready(text)]);
      if (mine !== this.searchSeq || !ctx.isActive()) return;
      this.resultsHeading.textContent = text ? 'In the catalogue' : 'Popular';
      replaceKeepingFocus(results, entries.map((entry) => catalogEntry(entry, (e) => this.choose(e))));
      this.watching.replaceChildren(this.watchingNote(watching) ?? '');
      const note = resultsNote(text, entries.length, this.checkedText);
      this.resultsNote.replaceChildren(note ? el('p', { class: 'muted', attrs: { id: 'catalog-note' }, text: note }) : '');
    } catch (error) {
      if (mine === this.searchSeq && ctx.isActive()) this.resultsNote.replaceChildren(errorNotice(error));
    }
  }

  /** Asks for a project folder (the app's own dialog) and lists the vendors its code uses. */
  async suggestFromFolder() {
    const { ctx, folderArea } = this;
    folderArea.hidden = false;
    folderArea.replaceChildren(loadingNotice('Choose a project folder…'));
    try {
      const found = await ctx.backend.suggestFromFolder();
      if (!ctx.isActive()) return;
      if (!found) { folderArea.replaceChildren(); folderArea.hidden = true; return; }
      folderArea.replaceChildren(...folderSuggestions(found, (vendor) => this.check(vendor)));
      folderArea.querySelector('#folder-suggestions-heading')?.focus();
    } catch (error) {
      if (ctx.isActive()) folderArea.replaceChildren(errorNotice(error));
    }
  }

  /**
   * A catalogue entry chosen: its page read, or, when its vendor publishes nothing Lookout reads,
   * why (and what to do instead), with nothing requested.
   * @param {import('../../types/lookout').CatalogEntry} entry
   */
  choose(entry) {
    const why = notWatchableText(entry);
    if (!why) { this.check(entry.url); return; }
    ++this.previewSeq; // a page still being read for an earlier choice is not shown over this
    this.previewArea.hidden = false;
    this.previewArea.replaceChildren(el('p', { class: 'notice', attrs: { id: 'not-watchable', tabindex: '-1' }, text: why }));
    this.previewArea.querySelector('#not-watchable')?.focus();
  }

  /** Reads the page at `rawText` and shows the preview form for it. */
  async check(rawText) {
    const { ctx, previewArea } = this;
    const text = String(rawText ?? '').trim();
    if (!text) { this.search.focus(); return; }
    const mine = ++this.previewSeq;
    previewArea.hidden = false;
    const watching = await this.watchedAlready(text);
    if (mine !== this.previewSeq || !ctx.isActive()) return;
    if (watching) { // said before anything is read: there is nothing to add
      previewArea.replaceChildren(this.watchingNote(watching) ?? '');
      previewArea.querySelector('a')?.focus();
      return;
    }
    previewArea.replaceChildren(loadingNotice('Reading the page…'));
    try {
      const [preview] = await Promise.all([ctx.backend.previewProvider(text), this.settingsLoaded]);
      if (mine !== this.previewSeq || !ctx.isActive()) return;
      this.checkedText = text;
      this.resultsNote.replaceChildren(); // no "nothing matches… press Check" under a page just read
      previewArea.replaceChildren(previewForm(preview, this.defaultInterval, ctx));
      previewArea.querySelector('#preview-heading')?.focus();
    } catch (error) {
      if (mine === this.previewSeq && ctx.isActive()) previewArea.replaceChildren(errorNotice(error));
    }
  }

  /**
   * ArrowDown in the search box goes to the first result.
   * @param {KeyboardEvent} event
   */
  leaveSearch(event) {
    if (event.key === 'ArrowDown') { event.preventDefault(); this.results.querySelector('button')?.focus(); }
  }

  /**
   * ArrowDown and ArrowUp move between results; up from the first goes back to the search box.
   * @param {KeyboardEvent} event
   */
  moveInResults(event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...this.results.querySelectorAll('button')];
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? buttons[index + 1] : (buttons[index - 1] ?? this.search);
    next?.focus();
  }
}

/**
 * @param {HTMLElement} container
 * @param {import('../../types/window').ViewContext} ctx
 */
export function mount(container, ctx) {
  ctx.setTitle('Add a service');
  const view = new AddView(ctx);
  container.append(...view.nodes());
  view.loadSettings();
  const searchLater = debounce(() => view.runSearch(), SEARCH_DEBOUNCE_MS);
  view.search.addEventListener('input', searchLater);
  view.search.addEventListener('keydown', (event) => view.leaveSearch(event));
  view.results.addEventListener('keydown', (event) => view.moveInResults(event));
  return { ready: view.runSearch(), dispose: () => searchLater.cancel() };
}
