// Searches without words (a unit, a person, a year, or any mix) answered from the
// prebuilt lists of plugins/search_index/lists.py, without loading Pagefind:
// one small list per chosen filter and the result cards of the posts shown.

const PLAIN_VALUE = /^[a-z0-9][a-z0-9-]{0,80}$/;
const cache = new Map(); // URL -> promise of its text

/** Fetch a file of the lists once per page. */
function fetchText(url) {
  if (!cache.has(url)) {
    const promise = fetch(url).then((response) => {
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

/** Decode a list: base-36 gaps joined by "." into ascending post numbers. */
export function decode(text) {
  const numbers = [];
  let previous = -1;
  if (!text) return numbers;
  for (const gap of text.split(".")) {
    previous += parseInt(gap, 36);
    numbers.push(previous);
  }
  return numbers;
}

/** Return the ascending numbers found in every one of the sorted lists. */
function intersect(lists) {
  const [first, ...others] = [...lists].sort((a, b) => a.length - b.length);
  const sets = others.map((list) => new Set(list));
  return first.filter((number) => sets.every((set) => set.has(number)));
}

/**
 * Find the posts of every chosen filter (lists under ``base``); return them newest
 * first as results shaped like Pagefind's ({id, data()}), data() giving
 * {url, meta, content} with the post's URL under ``siteUrl``.
 */
export async function filterResults(base, siteUrl, filters) {
  const names = Object.keys(filters);
  const [info, ...texts] = await Promise.all([
    fetchText(`${base}lists.json`),
    ...names.map((name) => fetchText(`${base}${name}/${valueFile(filters[name])}.txt`)),
  ]);
  const block = JSON.parse(info).block;
  const numbers = texts.some((text) => text === null) ? [] : intersect(texts.map(decode));
  return numbers.map((number) => ({
    id: `post-${number}`,
    data: async () => {
      const cards = JSON.parse(await fetchText(`${base}posts/${Math.floor(number / block)}.json`));
      const card = cards[number % block];
      const { url, ...meta } = card;
      return { url: siteUrl + url, meta, content: "" };
    },
  }));
}
