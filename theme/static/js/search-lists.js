// The search of the static index of plugins/search_index (lists.py, words.py):
// filters from one small list per chosen value, words from the shards of their
// syllables and of their adjacent pairs, then the cards and texts of the posts
// shown. Vietnamese-aware: diacritics optional but ranked (exact forms first),
// tone placement equivalent ("Hoà" = "Hòa"), word order and adjacency ranked,
// quoted phrases exact, a last syllable still being typed completed.

const PLAIN_VALUE = /^[a-z0-9][a-z0-9-]{0,80}$/;
const cache = new Map(); // URL -> promise of its text

/** Fetch a file of the index once per page, at a fetch priority; null when it does not exist. */
function fetchText(url, priority = "auto") {
  if (!cache.has(url)) {
    const promise = fetch(url, { priority }).then((response) => {
      if (response.status === 404) return null; // a value no post has
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return response.text();
    });
    promise.catch(() => cache.delete(url));
    cache.set(url, promise);
  }
  return cache.get(url);
}

let crcTable = null;

/** Return the CRC-32 of a string's UTF-8 bytes (zlib's, as lists.py uses). */
function crc32(text) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Return the file name of a filter value's list, as lists.py names it. */
export function valueFile(value) {
  return PLAIN_VALUE.test(value) ? value : `x${crc32(value).toString(16).padStart(8, "0")}`;
}

/**
 * Decode a list: base-36 gaps joined by "." into ascending post numbers. One
 * pass over the characters, no split: a unit's list holds every one of its
 * posts (10,000 for the central unit of a large archive), and the page opened
 * with it decodes it while loading.
 */
export function decode(text) {
  const numbers = [];
  if (!text) return numbers;
  let previous = -1;
  let gap = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46; // "." ends the last gap
    if (code === 46) {
      previous += gap;
      numbers.push(previous);
      gap = 0;
    } else {
      // 0-9 are 48-57, a-z 97-122 (lists.py writes lower case).
      gap = gap * 36 + (code <= 57 ? code - 48 : code - 87);
    }
  }
  return numbers;
}

/**
 * The results of a search, made when shown: a search may find every post of
 * the archive and the page shows ten at a time, so the result objects (and
 * their functions) are made per page of results, not for every post found.
 * ``length`` and ``slice`` as an array's; ``numbers`` the posts, in order.
 */
export class Results {
  /** ``checked``: the results are posts holding a quoted phrase's pairs, each
   * to be checked for the phrase itself (its data() is null when it does not). */
  constructor(numbers, make, checked = false) {
    this.numbers = numbers;
    this.make = make;
    this.checked = checked;
  }

  get length() {
    return this.numbers.length;
  }

  slice(start, end) {
    return this.numbers.slice(start, end).map((number) => this.make(number));
  }
}

/** Fetch what every search needs first (on focus, before the first key). */
export function preload(base) {
  return Promise.all([fetchText(`${base}lists.json`), fetchText(`${base}words.json`)]);
}

/**
 * Give the page's main thread back between the steps of a word search (a key,
 * a paint): its lists, once fetched, are decoded, merged and ranked in
 * microtasks that would otherwise run as one task, tens of milliseconds for
 * the commonest syllables of a large archive on a slow phone.
 */
function pause() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Throw the signal's reason when the search it belongs to was cancelled. */
function check(signal) {
  if (signal?.aborted) throw signal.reason ?? new DOMException("Aborted", "AbortError");
}

/** Return the ascending numbers found in every one of the sorted lists. */
function intersect(lists) {
  const [first, ...others] = [...lists].sort((a, b) => a.length - b.length);
  let found = first;
  for (const other of others) {
    // Both sorted: one walk through each, no set or hash.
    const kept = [];
    let j = 0;
    for (const number of found) {
      while (j < other.length && other[j] < number) j++;
      if (j === other.length) break;
      if (other[j] === number) kept.push(number);
    }
    found = kept;
  }
  return found;
}

/** Return the posts (ascending numbers) of every chosen filter; null: no filter. */
async function filterNumbers(base, filters) {
  const names = Object.keys(filters);
  if (!names.length) return null;
  const texts = await Promise.all(
    names.map((name) => fetchText(`${base}${name}/${valueFile(filters[name])}.txt`)),
  );
  return texts.some((text) => text === null) ? [] : intersect(texts.map(decode));
}

/**
 * Return the file of cards to fetch with the lists of several chosen filters
 * (``files``, without suffix; a search a reader shares), as ``{file, of}``:
 * ``of``, the indexes of the lists whose common posts it holds, in order.
 * That of the first value, smallest filter first (``plan.order``), that is
 * not big (``plan.big``; lists.py card_plan, in the page's config): it holds
 * all its posts' cards, the results' among them. When every value is big
 * and a year is chosen, the first value with its cards year by year
 * (``plan.sliced``) gives that year's, or else the year's first page;
 * without a year, the first value's first page (its newest posts). None
 * without a plan.
 */
function cardFiles(plan, names, files) {
  if (!plan) return [];
  const rank = (name) => (plan.order.includes(name) ? plan.order.indexOf(name) : names.length);
  const fileName = (file) => file.slice(file.lastIndexOf("/") + 1);
  const named = (set, { name, file }) => (plan[set]?.[name] || []).includes(fileName(file));
  const chosen = names
    .map((name, index) => ({ name, file: files[index], index }))
    .sort((a, b) => rank(a.name) - rank(b.name));
  const small = chosen.find((value) => !named("big", value));
  if (small) return [{ file: small.file, of: [small.index] }];
  const year = chosen.find(({ name }) => name === "year");
  if (!year) {
    // The newest posts of the first value, its first page: the newest results
    // when the other values hold most of its posts (a person in their units).
    return [{ file: chosen[0].file, of: [chosen[0].index] }];
  }
  const sliced = chosen.find((value) => value !== year && named("sliced", value));
  // Else the year's first page: its newest posts, the results when the other
  // values hold most of that year's (the central unit, a province).
  if (!sliced) return [{ file: year.file, of: [year.index] }];
  return [{ file: `${sliced.file}.${fileName(year.file)}`, of: [sliced.index, year.index] }];
}

/**
 * Find the posts of every chosen filter (lists under ``base``); return them newest
 * first as Results shaped like Pagefind's ({id, data()}), data() giving
 * {url, meta, content} with the post's URL under ``siteUrl``. Cards are
 * fetched with the lists (lists.py writes them beside each list: all its
 * posts' when it has few, else its first page's), so the results show
 * without a second round of requests: with one filter always, with several
 * when one of the values is small (cardFiles, by the ``cards`` plan), as a
 * person's or a unit's mostly are, or when a year is chosen with big values
 * that have their cards year by year. Other results' cards come from
 * ``posts/``.
 */
export async function filterResults(base, siteUrl, filters, { signal, cards: plan } = {}) {
  const names = Object.keys(filters);
  const files = names.map((name) => `${base}${name}/${valueFile(filters[name])}`);
  const chosen =
    files.length === 1 ? [{ file: files[0], of: [0] }] : cardFiles(plan, names, files);
  const [info, ...fetched] = await Promise.all([
    fetchText(`${base}lists.json`),
    ...files.map((file) => fetchText(`${file}.txt`)),
    ...chosen.map(({ file }) => fetchText(`${file}.json`, "high").catch(() => null)),
  ]);
  check(signal);
  const block = JSON.parse(info).block;
  const texts = fetched.slice(0, files.length);
  const numbers = texts.map(decode);
  const found = texts.some((text) => text === null) ? [] : intersect(numbers);
  const known = new Map(); // number -> card: a file's cards are its first posts'
  chosen.forEach(({ of }, index) => {
    if (of.some((at) => texts[at] === null)) return;
    const list = of.length === 1 ? numbers[of[0]] : intersect(of.map((at) => numbers[at]));
    const cards = fetched[files.length + index];
    for (const [at, card] of (cards ? JSON.parse(cards) : []).entries()) known.set(list[at], card);
  });
  return new Results(found, (number) => {
    const card = known.has(number)
      ? async () => cardFrom(siteUrl, known.get(number))
      : () => cardOf(base, siteUrl, block, number);
    const text = async () => "";
    return { id: `post-${number}`, card, text, data: () => joined(card, text) };
  });
}

/** Return {url, meta} of a result card as lists.py writes it. */
function cardFrom(siteUrl, { url, ...meta }) {
  return { url: siteUrl + url, meta };
}

/** Return {url, meta} of a post's result card (8 cards to a file). */
async function cardOf(base, siteUrl, block, number) {
  const cards = JSON.parse(
    await fetchText(`${base}posts/${Math.floor(number / block)}.json`, "high"),
  );
  return cardFrom(siteUrl, cards[number % block]);
}

/** Return a post's text (for its excerpt), fetched once. */
function textOf(base, number) {
  // Low: on a host with few connections (HTTP/1.1) the cards, which show the
  // results, go first; the excerpts fill in after.
  return fetchText(`${base}text/${number}.txt`, "low").then((text) => text || "");
}

/** Return {url, meta, content} of a result once its card and text are fetched. */
async function joined(card, text) {
  const [{ url, meta }, content] = await Promise.all([card(), text()]);
  return { url, meta, content };
}

// --- words -----------------------------------------------------------------

const CLASSIC_TONE = /(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\p{L})/gu;
const SEGMENT = /[^\p{L}\p{N}\s]+|_+/u;
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_WORDS = 12; // words of a query looked up; the rest are ignored
const COMPLETIONS = 8; // syllables tried for a last one still being typed

/** Move a tone mark of open "oa", "oe", "uy" to the first vowel, as words.py does. */
function modernTones(text) {
  return text.replace(CLASSIC_TONE, (match) => {
    const [first, second] = [...match];
    const parts = second.normalize("NFD");
    return (first + parts.slice(1)).normalize("NFC") + parts[0];
  });
}

// Word -> [written, folded], once each: a quoted phrase is checked against
// the whole text of every post shown, whose words repeat (a syllable language).
const FORMS = new Map();
const FORMS_KEPT = 50_000;

/** Return [written form, folded key] of a word, as words.py's forms(). */
export function forms(word) {
  let found = FORMS.get(word);
  if (!found) {
    const written = modernTones(word.toLowerCase());
    const folded = written
      .replace(/[đð]/g, "d")
      .normalize("NFD")
      .replace(/\p{M}/gu, "");
    found = [written, folded];
    if (FORMS.size >= FORMS_KEPT) FORMS.clear();
    FORMS.set(word, found);
  }
  return found;
}

/** Return the runs of words between punctuation, each word as forms(). */
export function segments(text) {
  return text
    .normalize("NFC")
    .split(SEGMENT)
    .map((part) => (part.match(WORD) || []).map(forms))
    .filter((run) => run.length);
}

/** Return the 32-bit FNV-1a hash of a string's UTF-8 bytes, as words.py. */
function fnv1a(text) {
  let value = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    value = Math.imul(value ^ byte, 0x01000193) >>> 0;
  }
  return value >>> 0;
}

/** Split a query into loose runs of words, quoted phrases and a partial last word. */
export function parseQuery(query) {
  const text = query.normalize("NFC").replace(/[“”„‟]/g, '"');
  const phrases = [];
  const rest = text.replace(/"([^"]*)"?/g, (_, inner) => {
    const words = segments(inner).flat();
    if (words.length) phrases.push(words);
    return " . ";
  });
  const runs = segments(rest);
  let partial = null;
  if (/[\p{L}\p{N}]$/u.test(rest) && runs.length) {
    const last = runs[runs.length - 1];
    partial = { word: last.pop(), previous: last.length ? last[last.length - 1] : null };
    if (!last.length) runs.pop();
  }
  return { runs, phrases, partial };
}

/** Return the ascending numbers found in any of the sorted lists. */
function union(lists) {
  const nonEmpty = lists.filter((list) => list.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] || [];
  let largest = 0;
  for (const list of nonEmpty) largest = Math.max(largest, list[list.length - 1]);
  const seen = new Uint8Array(largest + 1);
  for (const list of nonEmpty) for (const number of list) seen[number] = 1;
  const all = [];
  for (let number = 0; number <= largest; number++) if (seen[number]) all.push(number);
  return all;
}

/** Return the shard entry of a folded word: {forms: {written: [..]}, heading: [..]}. */
async function wordEntry(base, info, folded) {
  const shard = JSON.parse(await fetchText(wordFile(base, info, folded)));
  const found = shard[folded] || {};
  const forms = Object.fromEntries(Object.entries(found).map(([form, text]) => [form, decode(text)]));
  return { forms, all: union(Object.values(forms)), heading: decode(shard[`^${folded}`]) };
}

/** Return the pairs of a pair shard whose key starts with "first second". */
async function pairEntries(base, info, first, second, complete) {
  const data = JSON.parse(await fetchText(pairFile(base, info, first, second)));
  const key = `${first} ${second}`;
  const matches = (name) => (complete ? name.startsWith(key) : name === key);
  const found = { "": [], "^": [], "!": [] }; // in the text, heading, as a name
  for (const [name, text] of Object.entries(data)) {
    const mark = "^!".includes(name[0]) ? name[0] : "";
    if (matches(mark ? name.slice(1) : name)) found[mark].push(decode(text));
  }
  return { all: union(found[""]), heading: union(found["^"]), name: union(found["!"]) };
}

/** Return the name of the completions file of a folded word's first two letters. */
function prefixKey(folded) {
  return [...folded.slice(0, 2)].map((c) => c.codePointAt(0).toString(16)).join("-");
}

/** Return the most frequent syllables beginning with a folded partial word. */
async function completionsOf(base, partial) {
  const text = await fetchText(`${base}prefix/${prefixKey(partial)}.json`);
  const words = text ? JSON.parse(text) : [];
  return words.filter(([word]) => word.startsWith(partial)).slice(0, COMPLETIONS).map(([w]) => w);
}

function intersectSorted(lists) {
  return lists.length ? intersect(lists) : [];
}

/** Return whether text holds a phrase (words as forms()) as adjacent words. */
function hasPhrase(text, phrase) {
  const marked = phrase.map(([written, folded]) => written !== folded);
  for (const run of segments(text)) {
    for (let i = 0; i + phrase.length <= run.length; i++) {
      if (
        phrase.every(
          ([written, folded], j) => run[i + j][1] === folded && (!marked[j] || run[i + j][0] === written),
        )
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Search the words of ``query`` (and the chosen filters) in the index under
 * ``base``; return ranked Results shaped like Pagefind's ({id, data()}):
 * data() gives {url, meta, content}, or null for a post that does not hold a
 * quoted phrase after all (its text is checked when it is shown).
 */
export async function wordResults(base, siteUrl, query, filters, { signal } = {}) {
  const parsed = parseQuery(query);
  const { runs, phrases, partial } = parsed;
  const words = fetchText(`${base}words.json`);
  // Every index file the query reads, asked for together: the words', their
  // pairs' and a last word's completions', not one after another.
  words.then((text) => {
    for (const url of indexFiles(base, JSON.parse(text), parsed)) fetchText(url);
  }, () => {}); // a failed fetch is reported by the await below
  const [infoText, wordsText, filtered] = await Promise.all([
    fetchText(`${base}lists.json`),
    words,
    filterNumbers(base, filters),
  ]);
  check(signal);
  const block = JSON.parse(infoText).block;
  const info = JSON.parse(wordsText);
  const loose = runs.flat().slice(0, MAX_WORDS);
  const typed = partial ? [partial.word] : [];
  const folds = new Set([...loose, ...phrases.flat(), ...typed].map(([, folded]) => folded));
  const entries = new Map(
    await Promise.all([...folds].map(async (folded) => [folded, await wordEntry(base, info, folded)])),
  );
  await pause(); // the words' lists decoded; merging and ranking next
  check(signal);
  const required = [];
  const bonus = []; // [posts, points]
  if (filtered) required.push(filtered);
  for (const [written, folded] of loose) {
    const entry = entries.get(folded);
    required.push(entry.all);
    bonus.push([entry.heading, 1]);
    if (written !== folded) bonus.push([entry.forms[written] || [], 3]);
  }
  const pairJobs = [];
  for (const run of runs) {
    for (let i = 0; i + 1 < run.length; i++) {
      pairJobs.push(
        pairEntries(base, info, run[i][1], run[i + 1][1], false).then((pair) => {
          bonus.push([pair.all, 4], [pair.heading, 2]);
        }),
      );
    }
  }
  for (const phrase of phrases) {
    for (const [written, folded] of phrase) {
      const entry = entries.get(folded);
      required.push(written !== folded ? entry.forms[written] || [] : entry.all);
    }
    for (let i = 0; i + 1 < phrase.length; i++) {
      pairJobs.push(
        pairEntries(base, info, phrase[i][1], phrase[i + 1][1], false).then((pair) => {
          required.push(pair.all);
        }),
      );
    }
  }
  if (partial) {
    // A last word still being typed is a word when the index has it; if not,
    // it is completed: after another word, to any pair it may end ("co t" →
    // "cô tô"), alone, to its most frequent completions.
    const [written, folded] = partial.word;
    const entry = entries.get(folded);
    if (written !== folded) bonus.push([entry.forms[written] || [], 3]);
    bonus.push([entry.heading, 1]);
    if (entry.all.length) {
      required.push(entry.all);
      if (partial.previous) {
        pairJobs.push(
          pairEntries(base, info, partial.previous[1], folded, false).then((pair) => {
            bonus.push([pair.all, 4], [pair.heading, 2]);
          }),
        );
      }
    } else if (partial.previous) {
      pairJobs.push(
        pairEntries(base, info, partial.previous[1], folded, true).then((pair) => {
          required.push(union([entry.all, pair.all]));
          // A name ("Cô Tô") is the likeliest completion, then a title's words.
          bonus.push([pair.all, 4], [pair.name, 4], [pair.heading, 3]);
        }),
      );
    } else {
      const words = folded.length >= 2 ? await completionsOf(base, folded) : [];
      const others = words.filter((word) => word !== folded);
      const found = await Promise.all(others.map((word) => wordEntry(base, info, word)));
      check(signal);
      required.push(union([entry.all, ...found.map((each) => each.all)]));
      bonus.push([entry.all, 2], [union(found.map((each) => each.heading)), 1]);
    }
  }
  await Promise.all(pairJobs);
  await pause();
  check(signal);
  let numbers = intersectSorted(required);
  if (!numbers.length && !phrases.length && loose.length > 1) {
    // No post holds every word: those holding the most of them.
    const counts = new Map();
    const allowed = filtered ? new Set(filtered) : null;
    for (const list of required.slice(filtered ? 1 : 0)) {
      for (const number of list) {
        if (!allowed || allowed.has(number)) counts.set(number, (counts.get(number) || 0) + 1);
      }
    }
    const most = Math.max(0, ...counts.values());
    numbers = [...counts].filter(([, count]) => count === most).map(([number]) => number);
    numbers.sort((a, b) => a - b);
  }
  const last = numbers.length ? numbers[numbers.length - 1] : 0;
  const points = new Int32Array(last + 1).fill(-1);
  for (const number of numbers) points[number] = 0;
  for (const [list, worth] of bonus) {
    for (const number of list) {
      if (number > last) break;
      if (points[number] >= 0) points[number] += worth;
    }
  }
  numbers.sort((a, b) => points[b] - points[a] || a - b);
  // card() and text() let the page show the titles first and the excerpts
  // when the texts arrive; with a quoted phrase the text must be read first
  // (checked), since data() leaves out a post that does not hold it after all.
  const checked = phrases.length > 0;
  return new Results(numbers, (number) => {
    const card = () => cardOf(base, siteUrl, block, number);
    const text = () => textOf(base, number);
    const data = async () => {
      const { url, meta, content } = await joined(card, text);
      const whole = `${meta.title}\n${content}\n${meta.units}`;
      if (!phrases.every((phrase) => hasPhrase(whole, phrase))) return null;
      return { url, meta, content };
    };
    return { id: `post-${number}`, card, text, data, checked };
  }, checked);
}

/** Return the URL of the shard holding a folded word's lists. */
function wordFile(base, info, folded) {
  return `${base}words/${fnv1a(folded) % info.words}.json`;
}

/** Return the URL of the shard holding the pairs that begin "first s" (second's first letter). */
function pairFile(base, info, first, second) {
  return `${base}pairs/${fnv1a(`${first} ${second.slice(0, 1)}`) % info.pairs}.json`;
}

/**
 * Return the URLs of the index files the search of a parsed query reads:
 * the shards of its words (a last word still being typed included) and of
 * their adjacent pairs, and the completions of a last word typed alone.
 */
function indexFiles(base, info, { runs, phrases, partial }) {
  const urls = new Set();
  const words = [...runs.flat().slice(0, MAX_WORDS), ...phrases.flat()];
  for (const [, folded] of words) urls.add(wordFile(base, info, folded));
  for (const run of [...runs, ...phrases]) {
    for (let i = 0; i + 1 < run.length; i++) {
      urls.add(pairFile(base, info, run[i][1], run[i + 1][1]));
    }
  }
  if (partial) {
    const [, folded] = partial.word;
    urls.add(wordFile(base, info, folded));
    if (partial.previous) urls.add(pairFile(base, info, partial.previous[1], folded));
    else if (folded.length >= 2) urls.add(`${base}prefix/${prefixKey(folded)}.json`);
  }
  return [...urls];
}

/**
 * Fetch, while the reader is still typing ``query``, every file its search
 * will read (indexFiles), and for a last word of three letters or more typed
 * alone that is no word of the index, the shards of its completions (not for
 * two letters, which most words go on from: eight shards at every "th", "ng").
 * Nothing is ranked; the search after the pause finds them fetched and waits
 * for no file of the index.
 */
export async function prefetch(base, query) {
  const info = JSON.parse(await fetchText(`${base}words.json`));
  const parsed = parseQuery(query);
  const jobs = indexFiles(base, info, parsed).map((url) => fetchText(url));
  const { partial } = parsed;
  if (partial && !partial.previous && partial.word[1].length >= 3) {
    const [, folded] = partial.word;
    jobs.push(
      fetchText(wordFile(base, info, folded)).then(async (text) => {
        if ((JSON.parse(text) || {})[folded]) return; // a word: no completion is read
        const words = await completionsOf(base, folded);
        await Promise.all(words.map((word) => fetchText(wordFile(base, info, word))));
      }),
    );
  }
  await Promise.all(jobs);
}

// --- the search in the page's address -------------------------------------

let started = null; // {key, results}: the search of the address, begun early

/** Return what identifies a search, for search() to find one already begun. */
function searchKey(base, siteUrl, query, filters) {
  const chosen = Object.entries(filters).filter(([, value]) => value);
  return JSON.stringify([base, siteUrl, query, chosen.sort()]);
}

/**
 * Search ``query`` (words, normalized; may be empty) and ``filters``: the
 * results of wordResults or filterResults (``cards``: the page config's plan
 * of the cards a combination of filters fetches, lists.py card_plan). The
 * search of the page's address is the one begun while the page loaded
 * (startFromAddress), once.
 */
export function search(base, siteUrl, query, filters, { signal, cards } = {}) {
  const key = searchKey(base, siteUrl, query, filters);
  if (started?.key === key) {
    const { results } = started;
    started = null;
    return results;
  }
  return query
    ? wordResults(base, siteUrl, query, filters, { signal })
    : filterResults(base, siteUrl, filters, { signal, cards });
}

/**
 * Begin the search of the page's address (what unit and person pages link
 * to, a shared search) as soon as this module runs: the search page's head
 * loads it (async; Chromium runs it once the page is parsed), so the list of
 * a filter with its first cards, or the index files and then the first cards
 * and texts, are asked for before search.js runs, not after it. search.js's
 * first search() takes it over.
 */
function startFromAddress() {
  const element = globalThis.document?.getElementById("search-config");
  if (!element) return;
  const config = JSON.parse(element.textContent);
  const params = new URLSearchParams(globalThis.location.search);
  // As search.js's normalize(): NFC, spaces collapsed.
  const query = (params.get("q") || "").normalize("NFC").replace(/\s+/g, " ").trim();
  const filters = {};
  for (const name of config.filters) if (params.get(name)) filters[name] = params.get(name);
  if (!query && !Object.keys(filters).length) return;
  element.dataset.started = ""; // search.js then preloads nothing itself
  const results = search(config.lists, config.baseUrl, query, filters, { cards: config.cards });
  started = { key: searchKey(config.lists, config.baseUrl, query, filters), results };
  results
    .then((found) => {
      const first = found.slice(0, config.pageSize || 10);
      const cards = first.map((result) => result.card());
      return Promise.all(cards).then(() => Promise.all(first.map((result) => result.text())));
    })
    .catch(() => {}); // search.js's search reports what fails
}

startFromAddress();
