// Start Decap CMS for the news site (plugins/cms_admin/README.md).
// - On 127.0.0.1 or localhost, edit the files through `make devserver`'s proxy
//   (Decap's local backend protocol, devserver/cms_backend.py): no Git host, no login.
// - Before each save, write what the content model expects that a form cannot:
//   the English side's `lang: en` and the original's slug; facts only on the
//   Vietnamese side; English roles and captions by position (1: …); no empty
//   English file when nothing was translated.
(function () {
  "use strict";
  var local = ["localhost", "127.0.0.1", "[::1]"].indexOf(location.hostname) !== -1;
  var config = {};
  if (local) {
    config.local_backend = { url: location.origin + "/api/v1" };
  }

  function slugify(text) {
    return String(text || "")
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  }

  var ORIGINAL_ONLY = ["date", "event", "units", "speakers", "attendees", "photos",
    "signature", "featured"];
  var ENGLISH_ONLY = ["roles", "captions"];

  function byPosition(list) {
    // ["a", "b"] -> {1: "a", 2: "b"}; the proxy and the model read numbers.
    var out = {};
    list.forEach(function (value, index) {
      if (value !== null && value !== undefined && String(value).trim() !== "") {
        out[String(index + 1)] = value;
      }
    });
    return out;
  }

  function preSave(args) {
    var entry = args.entry;
    if (entry.getIn(["collection"]) !== "posts") {
      return entry;
    }
    var data = entry.get("data");
    var slug = data.get("slug") || slugify(data.get("title"));
    data = data.set("slug", slug).set("lang", "vi");
    ENGLISH_ONLY.forEach(function (name) { data = data.delete(name); });
    entry = entry.set("data", data);
    var english = entry.getIn(["i18n", "en", "data"]);
    if (!english || !english.get("title")) {
      return entry.deleteIn(["i18n", "en"]);
    }
    english = english.set("slug", slug).set("lang", "en");
    ORIGINAL_ONLY.forEach(function (name) { english = english.delete(name); });
    ENGLISH_ONLY.forEach(function (name) {
      var list = english.get(name);
      if (list && list.toJS) {
        var mapping = byPosition(list.toJS());
        english = Object.keys(mapping).length
          ? english.set(name, window.Immutable ? window.Immutable.fromJS(mapping) : mapping)
          : english.delete(name);
      }
    });
    return entry.setIn(["i18n", "en", "data"], english);
  }

  CMS.registerEventListener({ name: "preSave", handler: preSave });
  CMS.init({ config: config });
})();
