// The search page's head: a filter in the address (what unit and person pages
// link to) gets its list fetched at once, before the page's main script runs.
// A file, not an inline script: the site runs no inline code (a Content
// Security Policy may forbid it). It reads where the lists are from the page's
// own preload of lists.json, and names a plain key's list by the key itself,
// as search-lists.js does.
const index = document.querySelector('link[rel="preload"][href$="/lists.json"]');
if (index) {
  const folder = index.href.slice(0, -"lists.json".length);
  for (const [name, value] of new URLSearchParams(location.search)) {
    if (["unit", "person", "year"].includes(name) && /^[a-z0-9][a-z0-9-]{0,80}$/.test(value)) {
      const link = Object.assign(document.createElement("link"), {
        rel: "preload",
        as: "fetch",
        crossOrigin: "anonymous",
        href: `${folder}${name}/${value}.txt`,
      });
      document.head.append(link);
    }
  }
}
