// The search page: runs the search of the site's static index (search-lists.js,
// written by plugins/search_index) from the query string (?q=&unit=&person=&year=),
// shows the results with highlighted excerpts of the posts' text, and keeps the
// URL in step so a search can be shared and the back button works.

const EXCERPT_BEFORE = 60; // characters of context before the first match
const EXCERPT_LENGTH = 240;

const form = document.getElementById("search-form");
const config = JSON.parse(document.getElementById("search-config").textContent);
const FILTERS = config.filters; // the index's filters (documents.py FILTERS), in order
const strings = config.strings;
const input = form.elements.q;
const selects = Object.fromEntries(FILTERS.map((name) => [name, form.elements[name]]));
const statusRegion = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const pageSize = config.pageSize || 10;

// A filter in the address (what unit and person pages link to): its list and
// the cards beside it are asked for now, unless search-lists.js has begun the
// search already (it marks the config); with several filters (a shared
// search), every list and the cards of the value search-lists.js's cardFiles
// picks: the first, smallest filter first, that is not big (config.cards),
// or with a year and big values only, the year's cards of one value (else
// the year's first page), or without a year, the first page of the first value.
// The head loads that module async, but Chromium runs it only after this one,
// which runs once the page is parsed. A plain key's list is named by the key.
const addressParams = new URLSearchParams(window.location.search);
const addressFilters = FILTERS.filter((name) => addressParams.get(name)).map((name) => [
  name,
  addressParams.get(name),
]);

/**
 * Return the file of cards that comes with the lists, as [name, file name]
 * (or null): search-lists.js's cardFiles, on the values in the address.
 */
function cardsFile(filters) {
  if (filters.length === 1) return filters[0];
  const plan = config.cards;
  if (!plan) return null;
  const rank = (name) => (plan.order.includes(name) ? plan.order.indexOf(name) : FILTERS.length);
  const named = (set, [name, value]) => (plan[set]?.[name] || []).includes(value);
  const sorted = [...filters].sort(([a], [b]) => rank(a) - rank(b));
  const small = sorted.find((filter) => !named("big", filter));
  if (small) return small;
  const year = sorted.find(([name]) => name === "year");
  if (!year) return sorted[0]; // its first page: its newest posts
  const sliced = sorted.find((filter) => filter !== year && named("sliced", filter));
  return sliced ? [sliced[0], `${sliced[1]}.${year[1]}`] : year;
}

if (!("started" in document.getElementById("search-config").dataset)) {
  const plain = (value) => /^[a-z0-9][a-z0-9-]{0,80}$/.test(value);
  const cards = cardsFile(addressFilters);
  const files = addressFilters
    .filter(([, value]) => plain(value))
    .map(([name, value]) => `${name}/${value}.txt`);
  if (cards && cards[1].split(".").every(plain)) files.push(`${cards[0]}/${cards[1]}.json`);
  for (const file of files) {
    const link = Object.assign(document.createElement("link"), {
      rel: "preload",
      as: "fetch",
      crossOrigin: "anonymous",
      href: `${config.lists}${file}`,
    });
    document.head.append(link);
  }
}

let lists = null; // search-lists.js
let listsReady = false;
let generation = 0; // the newest search; older ones drop their results
let controller = null; // cancels the running search when a newer one or a key comes
let current = null; // {results, shown, terms}
// The current history entry was made by a pause in "typing" or "choosing"
// (filters), or by neither (null); lastEdit is the kind of the newest change.
let entry = null;
let lastEdit = null;
let typingTimer = 0;
let filterTimer = 0;
let searches = 0; // searches run, for tests: one per pause, not per key

// A filter chosen with the keyboard on a closed list (arrow keys, letters)
// applies this long after its last change: the list changes at every press,
// and only the choice the keys stop on is searched. A choice made with the
// mouse, a touch picker or Enter applies at once.
const FILTER_DELAY = 400;
// A search runs this long after the last key typed, or at once when a space
// ends a syllable; the files of the words typed so far are fetched meanwhile
// (prefetch), and a key typed during a search cancels it.
const TYPING_DELAY = 70;

/** Load the search of the static index (search-lists.js) once. */
function loadLists() {
  if (!lists) {
    lists = import(config.listsScript);
    lists.catch(() => {
      lists = null;
    });
  }
  return lists;
}

/** Return text in NFC (input typed as NFD works the same), spaces collapsed. */
function normalize(text) {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Lower-case text one character for one (so positions stay the same). */
function lowerEach(text) {
  const whole = text.toLowerCase();
  if (whole.length === text.length) return whole; // no letter grew ("İ" does)
  let lowered = "";
  for (const unit of text.split("")) {
    const lower = unit.toLowerCase();
    lowered += lower.length === 1 ? lower : unit;
  }
  return lowered;
}

const FOLDED = new Map(); // a letter with marks -> its base letter, once each

/**
 * Fold text for matching, one character for one: lower case, no marks, đ → d.
 * Runs of plain (ASCII) characters are copied whole and each marked letter
 * looked up: a post's whole text is folded for its excerpt, ten at a time.
 */
function foldForMatch(text) {
  const lowered = lowerEach(text);
  let folded = "";
  let plainFrom = 0;
  for (let i = 0; i < lowered.length; i++) {
    if (lowered.charCodeAt(i) < 128) continue;
    const ch = lowered[i];
    let base = FOLDED.get(ch);
    if (base === undefined) {
      base = ch === "đ" || ch === "ð" ? "d" : ch.normalize("NFD")[0];
      FOLDED.set(ch, base);
    }
    folded += lowered.slice(plainFrom, i) + base;
    plainFrom = i + 1;
  }
  return folded + lowered.slice(plainFrom);
}

/** Return the query's words: as typed (lower case) and folded for matching. */
function matchTerms(query) {
  const words = lowerEach(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.map((word) => ({ exact: word, folded: foldForMatch(word) }));
}

/** Read the search state from the page URL. */
function readUrl() {
  const params = new URLSearchParams(window.location.search);
  const state = { q: params.get("q") || "" };
  for (const name of FILTERS) state[name] = params.get(name) || "";
  return state;
}

/** Read the search state from the form. */
function readForm() {
  const state = { q: input.value };
  for (const name of FILTERS) state[name] = selects[name].value;
  return state;
}

/** Return the page URL (path and query string) of a search state. */
function urlOf(state) {
  const params = new URLSearchParams();
  const query = normalize(state.q);
  if (query) params.set("q", query);
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  const search = params.toString();
  return window.location.pathname + (search ? `?${search}` : "");
}

/** Record a search state in the history: a new entry, or in place. */
function remember(state, mode) {
  const url = urlOf(state);
  if (url === window.location.pathname + window.location.search) return;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/**
 * Put a filter's choices into its list. They wait in a <template> until the
 * reader is about to use the list (focus, pointer down), or until a search
 * needs one of them: laying out hundreds of options was the longest task of
 * the page's loading, also for readers who never open the list.
 */
function fillChoices(select) {
  const template = select.querySelector("template");
  if (!template) return;
  const value = select.value;
  for (const early of select.querySelectorAll("option[data-early]")) {
    if (template.content.querySelector(`option[value="${CSS.escape(early.value)}"]`)) {
      early.remove(); // it comes back in its place in the list
    }
  }
  template.replaceWith(template.content);
  select.value = value;
}

/** Put a search state into the form, adding a choice for an unknown value. */
function fillForm(state) {
  input.value = state.q;
  for (const name of FILTERS) {
    const select = selects[name];
    const value = state[name];
    if (value && ![...select.options].some((option) => option.value === value)) {
      // The choice alone, from the template (the rest when the list is used).
      const waiting = select.querySelector("template")?.content.querySelector(
        `option[value="${CSS.escape(value)}"]`,
      );
      const option = waiting ? waiting.cloneNode(true) : new Option(value, value);
      option.dataset.early = "";
      select.append(option);
    }
    select.value = value;
  }
}

/** Find where each term starts a word of the text; return [from, to, term, exact]. */
function findTerms(text, terms) {
  const folded = foldForMatch(text);
  const lowered = lowerEach(text);
  const spans = [];
  terms.forEach((term, index) => {
    const escaped = term.folded.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])(${escaped}[\\p{L}\\p{N}]*)`, "gu");
    for (const match of folded.matchAll(pattern)) {
      const from = match.index + match[1].length;
      const exact = lowered.startsWith(term.exact, from);
      spans.push([from, from + match[2].length, index, exact]);
    }
  });
  return spans.sort((a, b) => a[0] - b[0]).slice(0, 500);
}

/** Return where the excerpt should start: at the match with the most terms after it. */
function bestStart(spans) {
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < spans.length; i++) {
    const reach = spans[i][0] + EXCERPT_LENGTH - EXCERPT_BEFORE;
    const found = new Map();
    for (let j = i; j < spans.length && spans[j][1] <= reach; j++) {
      found.set(spans[j][2], (found.get(spans[j][2]) || false) || spans[j][3]);
    }
    const score = found.size * 2 + [...found.values()].filter(Boolean).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return spans[best][0];
}

/** Return the nodes of an excerpt of content, its matched words in <mark>. */
function excerpt(content, title, terms, fallback) {
  let text = content.trim();
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, "");
  const spans = findTerms(text, terms);
  if (!spans.length) {
    const plain = fallback || text;
    return [plain.length > EXCERPT_LENGTH ? `${plain.slice(0, EXCERPT_LENGTH)}…` : plain];
  }
  const first = bestStart(spans);
  let start = Math.max(0, first - EXCERPT_BEFORE);
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : first;
  }
  let end = Math.min(text.length, start + EXCERPT_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  const nodes = start > 0 ? ["…"] : [];
  let at = start;
  for (const [from, to] of spans) {
    if (from < at || from >= end) continue;
    if (from > at) nodes.push(text.slice(at, from));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(from, Math.min(to, end));
    nodes.push(mark);
    at = Math.min(to, end);
  }
  if (at < end) nodes.push(text.slice(at, end));
  if (end < text.length) nodes.push("…");
  return nodes;
}

/** Fill a result's excerpt from the post's text (its summary without words). */
function fillExcerpt(item, data, content, terms) {
  const text = item.querySelector(".search-result__excerpt");
  text.replaceChildren(...excerpt(content || "", data.meta.title, terms, data.meta.summary));
  delete text.dataset.pending;
}

/** Return the list item of one result; its excerpt waits for its text when
``data.content`` is undefined (fillExcerpt). */
function resultItem(data, terms) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  if (data.meta.date) {
    const time = document.createElement("time");
    if (data.meta.datetime) time.dateTime = data.meta.datetime;
    time.textContent = data.meta.date;
    meta.append(time);
  }
  if (data.meta.units) meta.append(`${data.meta.date ? " · " : ""}${data.meta.units}`);
  const text = document.createElement("p");
  text.className = "search-result__excerpt";
  item.append(heading, meta, text);
  if (data.content === undefined) text.dataset.pending = "";
  else fillExcerpt(item, data, data.content, terms);
  if (data.meta.card) {
    // The post's card photo (3:2 crop): decorative, its title says what it is.
    const photo = document.createElement("img");
    photo.className = "search-result__photo";
    photo.src = config.baseUrl + data.meta.card;
    photo.width = 360;
    photo.height = 240;
    photo.alt = "";
    photo.loading = "lazy";
    photo.decoding = "async";
    item.classList.add("search-result--photo");
    item.append(photo);
  }
  return item;
}

/** Return whether search number ``mine`` was replaced or cancelled by a key. */
function stale(mine) {
  return mine !== generation || controller.signal.aborted;
}

/**
 * Add the next page of results to the list: their titles and cards as soon as
 * the cards are fetched, each excerpt when its post's text arrives. Return the
 * new items and a promise of the excerpts filled.
 */
async function showMore(mine, replace = false) {
  const page = current.checked ? await phrasePage(mine) : await cardPage(mine);
  if (!page) return { items: [], excerpts: Promise.resolve() };
  if (replace) list.replaceChildren(...page.items);
  else list.append(...page.items);
  more.hidden = current.shown >= current.results.length;
  return page;
}

/** The next page of a search without a quoted phrase: every post found is shown. */
async function cardPage(mine) {
  const batch = current.results.slice(current.shown, current.shown + pageSize);
  const { terms } = current;
  // The cards are asked for first, the texts right after (not once the cards
  // are in): on a host with few connections the cards, which show the
  // results, go first. A text that cannot be fetched leaves the post's
  // summary in its place.
  const cardsFetched = Promise.all(batch.map((result) => result.card()));
  const texts = batch.map((result) => result.text().catch(() => ""));
  const cards = await cardsFetched;
  if (stale(mine)) return null;
  const items = cards.map((card) => resultItem(card, terms));
  const excerpts = Promise.all(
    texts.map((text, index) =>
      text.then((content) => {
        if (mine === generation) fillExcerpt(items[index], cards[index], content, terms);
      }),
    ),
  );
  current.shown += batch.length;
  return { items, excerpts };
}

/**
 * The next page of a search with a quoted phrase: a post found is shown once
 * its text holds the phrase (data() is null if not). The next posts are read
 * until the page is full, so that no page comes up short (or empty) while
 * posts are left to check.
 */
async function phrasePage(mine) {
  const items = [];
  while (items.length < pageSize && current.shown < current.results.length) {
    const start = current.shown;
    const next = current.results.slice(start, start + pageSize - items.length);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (stale(mine)) return null;
    const held = pages.filter(Boolean);
    items.push(...held.map((data) => resultItem(data, current.terms)));
    current.shown = start + next.length;
    current.held += held.length;
  }
  return { items, excerpts: Promise.resolve() };
}

// The status region is emptied when a search starts and filled with its count
// at least this long after, so a screen reader announces the count after every
// search, also when it is the same as before. The search itself (fetching its
// files) usually takes longer, so the results are seldom kept waiting for it.
const ANNOUNCE_GAP = 50;
let emptiedAt = 0;

/** Empty the status region (or say the search code is coming), for announce(). */
function clearStatus(message = "") {
  statusRegion.textContent = message;
  emptiedAt = performance.now();
}

// Thousands as the page's readers write them: 1.462 in Vietnamese, 1,462 in
// English (Intl.NumberFormat would load the locale's data while the page loads).
const thousands = document.documentElement.lang === "vi" ? "." : ",";

/** Write a count with the page language's thousands separator. */
function formatCount(count) {
  return String(count).replace(/\B(?=(\d{3})+$)/g, thousands);
}

/**
 * Return how many posts the current search found, and whether that is only a
 * bound: with a quoted phrase, the posts holding its words in pairs, of which
 * those not yet checked may not hold the phrase itself.
 */
function found() {
  const { results, shown, held, checked } = current;
  if (!checked || shown >= results.length) return { count: checked ? held : results.length };
  return { count: held + results.length - shown, upTo: true };
}

/** Say how many posts were found, for everyone and for screen readers. */
async function announce({ count, upTo = false }) {
  const written = formatCount(count);
  const message = upTo
    ? strings.upTo.replace("%(count)s", written)
    : count === 0
      ? strings.none
      : count === 1
        ? strings.one
        : strings.many.replace("%(count)s", written);
  const wait = emptiedAt + ANNOUNCE_GAP - performance.now();
  if (wait > 0) await new Promise((resolve) => window.setTimeout(resolve, wait));
  statusRegion.textContent = message;
}

/** Mark a step of the search for the Performance API (bench/search_bench.py). */
function mark(name) {
  performance.mark(`search:${name}`);
}

/** Run the search a state describes and show its results. */
async function run(state) {
  const mine = ++generation;
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  searches += 1;
  list.dataset.searches = String(searches);
  const query = normalize(state.q);
  const filters = {};
  for (const name of FILTERS) if (state[name]) filters[name] = state[name];
  list.setAttribute("aria-busy", "true");
  delete list.dataset.searched; // set again, to the state's URL, once shown
  mark("start");
  try {
    if (!query && !Object.keys(filters).length) {
      current = null;
      list.replaceChildren();
      more.hidden = true;
      clearStatus();
    } else {
      // The first search downloads the search code: say so on a slow connection.
      clearStatus(listsReady ? "" : strings.searching);
      const library = await loadLists();
      listsReady = true;
      // The search of the page's address was begun by search-lists.js itself,
      // which the page's head loads: search() takes it over.
      const results = await library.search(config.lists, config.baseUrl, query, filters, {
        signal,
        cards: config.cards,
      });
      if (stale(mine)) return;
      mark("ranked");
      const { checked } = results;
      current = { results, shown: 0, held: 0, checked, terms: matchTerms(query) };
      // The previous results stay until the new ones replace them.
      const { excerpts } = await showMore(mine, true);
      if (stale(mine)) return;
      mark("shown");
      // The count is announced with the titles; the excerpts follow.
      await Promise.all([announce(found()), excerpts]);
      if (stale(mine)) return;
    }
    mark("done");
    list.dataset.searched = urlOf(state);
  } catch (error) {
    if (mine !== generation || signal.aborted) return; // a newer search or a key
    statusRegion.textContent = strings.failed;
    list.dataset.searched = urlOf(state);
    console.error(error);
  } finally {
    // A search cancelled by a key stays busy: the search after the pause follows.
    if (mine === generation && !signal.aborted) list.setAttribute("aria-busy", "false");
  }
}

// "Show more results": add the next page and move keyboard focus to its first
// result, so a keyboard or screen-reader user goes on reading where it begins.
more.addEventListener("click", async () => {
  if (!current || more.disabled) return;
  const mine = generation;
  more.disabled = true;
  list.setAttribute("aria-busy", "true");
  try {
    const bound = found().upTo;
    const { items, excerpts } = await showMore(mine);
    if (items.length) items[0].querySelector("a").focus();
    if (bound && mine === generation) {
      // A quoted phrase: each page checks more posts; say the count again
      // (exact once every post is checked).
      clearStatus();
      await announce(found());
    }
    await excerpts;
  } catch (error) {
    statusRegion.textContent = strings.failed;
    console.error(error);
  } finally {
    more.disabled = false;
    if (mine === generation) list.setAttribute("aria-busy", "false");
  }
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  window.clearTimeout(typingTimer);
  window.clearTimeout(filterTimer);
  const state = readForm();
  remember(state, entry && entry === lastEdit ? "replace" : "push");
  entry = null;
  run(state);
});

/** Search the form's state after a pause in typing or choosing.

The first pause makes a history entry and later ones update it (replaceState),
so the back button returns to the search before the reader started changing
this one, not to every word or choice on the way.
*/
function searchAfterPause(kind) {
  window.clearTimeout(typingTimer);
  window.clearTimeout(filterTimer);
  const state = readForm();
  remember(state, entry === kind ? "replace" : "push");
  entry = kind;
  run(state);
}

// Whether the newest input on a filter list was a key browsing it while closed
// (arrows, letters): its changes then wait for FILTER_DELAY. A pointer, a blur,
// or a key that opens, applies or leaves the list ends it. Not reset at keyup:
// a loaded browser may fire the change after the key is released.
let keyDown = false;
const NOT_BROWSING = new Set(["Enter", " ", "Escape", "Tab", "F4"]);
let choicePending = false;

for (const select of Object.values(selects)) {
  for (const kind of ["focus", "pointerdown", "mousedown", "touchstart"]) {
    select.addEventListener(kind, () => fillChoices(select), { passive: true });
  }
  for (const kind of ["pointerdown", "mousedown", "touchstart", "blur"]) {
    select.addEventListener(kind, () => (keyDown = false), { passive: true });
  }
  select.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && choicePending) {
      event.preventDefault(); // Enter applies the choice the keys stopped on now
      choicePending = false;
      searchAfterPause("choosing");
      return;
    }
    keyDown = !event.altKey && !NOT_BROWSING.has(event.key);
  });
  select.addEventListener("change", () => {
    lastEdit = "choosing";
    window.clearTimeout(filterTimer);
    if (keyDown) {
      controller?.abort(); // the choice it searched is already left
      choicePending = true;
      filterTimer = window.setTimeout(() => {
        choicePending = false;
        searchAfterPause("choosing");
      }, FILTER_DELAY);
    } else {
      choicePending = false;
      searchAfterPause("choosing");
    }
  });
}

/** Fetch the files the words typed so far will need (search-lists.js prefetch). */
function prefetchTyped() {
  const query = input.value;
  loadLists()
    .then((library) => library.prefetch(config.lists, query))
    .catch(() => {}); // the search itself reports what fails
}

input.addEventListener("input", (event) => {
  lastEdit = "typing";
  controller?.abort(); // a key arrived: the running search is stale
  window.clearTimeout(typingTimer);
  prefetchTyped();
  // A space (or punctuation) after a word ends a syllable: search it at once,
  // unless an input method is still composing it.
  const ended = !event.isComposing && /[\p{L}\p{N}][^\p{L}\p{N}]$/u.test(input.value);
  if (ended) searchAfterPause("typing");
  else typingTimer = window.setTimeout(() => searchAfterPause("typing"), TYPING_DELAY);
});

/** Load the search code and the files every search reads first. */
function warmUp() {
  loadLists()
    .then((library) => library.preload(config.lists))
    .catch(() => {});
}

// Load the search code as soon as the reader may search: on focus, or once
// the page is idle (the page's <link rel="preload"> has started the downloads).
for (const field of [input, ...Object.values(selects)]) {
  field.addEventListener("focus", warmUp, { once: true });
}
(window.requestIdleCallback || window.setTimeout)(warmUp);

window.addEventListener("popstate", () => {
  window.clearTimeout(typingTimer);
  window.clearTimeout(filterTimer);
  entry = null;
  const state = readUrl();
  fillForm(state);
  run(state);
});

const initial = readUrl();
fillForm(initial);
run(initial);
