// The published editor's Git backends (GitHub, GitLab, Gitea, Git Gateway),
// each Decap's own, wrapped so the files stay as they are today
// (plugins/cms_admin/README.md, "Editing on a Git host"). Registered through
// Decap's public API only: `CMS.getBackend(name).init(...)` builds Decap's
// backend and `CMS.registerBackend("newsroom-" + name, ...)` adds a wrapper
// that delegates every call to it and changes only what it reads and writes:
//
// - File names: Decap's i18n `multiple_files` names the original
//   `{slug}.vi.md`; in the repository it is `{slug}.md` (`.en.md` unchanged).
// - English side: `lang: en` and the original's `slug`, no facts, not
//   written until it has a title; `roles`, `captions`, `groups`, `tags` keyed
//   by what they translate in the file, a list in the original's order in the
//   form (newsroom/keyed.py does the same for `make devserver`).
// - Registries: `data/*.yml` are YAML lists; Decap edits `{units: [...]}`.
//   Each entry gets a picker search text and label while edited (as the local
//   backend gives them), dropped on saving.
// - Front matter written with js-yaml, quoted where the build (PyYAML, YAML
//   1.1) would misread a text ("14:30", "yes"); empty values left out.
(function () {
  "use strict";
  var yaml = window.jsyaml;
  var LOAD = { schema: yaml.CORE_SCHEMA };
  var DUMP = { schema: yaml.CORE_SCHEMA, lineWidth: -1, noRefs: true };
  var WRAPPED = ["github", "gitlab", "gitea", "git-gateway", "test-repo"];
  var KEYED = ["roles", "captions", "groups", "tags"];
  // What the pickers search and show (cms_admin.config LOCAL_*_FIELD).
  var SEARCH = "search";
  var LABEL = "label";
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Names equal regardless of case, Unicode form, tone placement ("Hoà" =
  // "Hòa"), dashes and spaces (vietnamese.match_key).
  function matchKey(text) {
    var decomposed = String(text).normalize("NFD").toLowerCase();
    var tones = (decomposed.match(TONES) || []).join("");
    return decomposed.replace(TONES, "").normalize("NFC")
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/\s+/g, " ")
      .trim() + "\u0000" + tones;
  }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // --- front matter ------------------------------------------------------------

  function splitPost(text) {
    var match = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)([\s\S]*)$/
      .exec(text || "");
    if (!match) { return null; }
    var data = yaml.load(match[1] || "", LOAD);
    return { data: isObject(data) ? data : {}, body: match[2] };
  }

  function joinPost(data, body) {
    var front = Object.keys(data).length ? yaml.dump(data, DUMP) : "";
    return "---\n" + front + "---\n" + body;
  }

  function empty(value) {
    return value === null || value === undefined || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (isObject(value) && Object.keys(value).length === 0);
  }

  // The form's empty fields (an untouched list, a blank text) are not written.
  function pruned(value) {
    if (Array.isArray(value)) {
      return value.map(pruned).filter(function (item) { return !empty(item); });
    }
    if (isObject(value)) {
      var out = {};
      Object.keys(value).forEach(function (key) {
        var item = pruned(value[key]);
        if (!empty(item)) { out[key] = item; }
      });
      return out;
    }
    return value;
  }

  // --- keyed English maps (newsroom/keyed.py) ------------------------------------

  function peopleNames(people) {
    var names = {};
    (Array.isArray(people) ? people : []).filter(isObject).forEach(function (entry) {
      var spellings = [entry.key, entry.name].concat(entry.aliases || [])
        .filter(Boolean).map(String);
      spellings.forEach(function (spelling) {
        var key = matchKey(spelling);
        if (!names[key]) { names[key] = spellings; }
      });
    });
    return names;
  }

  // For each keyed map, the spellings each item of the original may be keyed
  // by (the first one is written for a new key).
  function originalItems(original, people) {
    function entries(name) {
      return Array.isArray(original[name]) ? original[name].filter(isObject) : [];
    }
    var known = peopleNames(people);
    var tags = original.tags;
    tags = Array.isArray(tags) ? tags : tags ? [tags] : [];
    return {
      roles: entries("speakers").map(function (speaker) {
        var written = String(speaker.name || "");
        return written ? known[matchKey(written)] || [written] : [""];
      }),
      captions: entries("photos").map(function (p) { return [String(p.src || "")]; }),
      groups: entries("attendees").map(function (a) { return [String(a.group || "")]; }),
      tags: tags.filter(function (t) { return t !== null; })
        .map(function (t) { return [String(t)]; }),
    };
  }

  function positionOf(key, items) {
    if (/^[0-9]+$/.test(key)) {
      var position = Number(key);
      return position > 0 && position <= items.length ? position - 1 : null;
    }
    var wanted = matchKey(key);
    for (var index = 0; index < items.length; index++) {
      if (items[index].some(function (s) { return s && matchKey(s) === wanted; })) {
        return index;
      }
    }
    return null;
  }

  function mapsToLists(data, items) {
    KEYED.forEach(function (name) {
      var value = data[name];
      if (!isObject(value)) { return; }
      var shown = items[name].map(function () { return ""; });
      Object.keys(value).forEach(function (key) {
        var index = positionOf(key, items[name]);
        if (index !== null && !shown[index]) {
          shown[index] = value[key] === null ? "" : String(value[key]);
        }
      });
      while (shown.length && !shown[shown.length - 1]) { shown.pop(); }
      data[name] = shown;
    });
    return data;
  }

  function listsToMaps(data, items, old) {
    KEYED.forEach(function (name) {
      var value = data[name];
      if (!Array.isArray(value)) { return; }
      var before = isObject(old[name]) ? old[name] : {};
      var spelled = {};
      Object.keys(before).forEach(function (key) {
        var index = positionOf(key, items[name]);
        if (index !== null && !/^[0-9]+$/.test(key) && !(index in spelled)) {
          spelled[index] = key; // a key the file already used keeps its spelling
        }
      });
      var written = {};
      value.forEach(function (text, index) {
        if (text === null || text === undefined || !String(text).trim()) { return; }
        var key = index < items[name].length
          ? spelled[index] || items[name][index][0]
          : String(index + 1); // no such item: make check says so
        written[key] = String(text);
      });
      Object.keys(before).forEach(function (key) { // names nothing: kept, reported
        if (positionOf(key, items[name]) === null && !(key in written)) {
          written[key] = before[key];
        }
      });
      data[name] = written;
    });
    return data;
  }

  // --- registries ----------------------------------------------------------------

  function searchText(entry) {
    var names = ["name", "short", "vi", "en", "key"].map(function (n) { return entry[n]; });
    names = names.concat(Array.isArray(entry.aliases) ? entry.aliases : [entry.aliases]);
    var text = names.filter(Boolean).map(String).join(" · ");
    return text + " · " + fold(text);
  }

  function pickerLabel(entry, names, kinds) {
    var parts = [String(entry.name || entry.vi || entry.key || "")];
    if (entry.kind) { parts.push(kinds[entry.kind] || String(entry.kind)); }
    if (entry.parent) { parts.push("thuộc " + (names[entry.parent] || entry.parent)); }
    if (!("kind" in entry) && entry.key) { parts.push(String(entry.key)); }
    return parts.join(" · ");
  }

  // --- the site's layout, read from the generated configuration ------------------

  function Layout(config) {
    var self = this;
    var i18n = config.i18n || {};
    this.locales = i18n.locales || [];
    this.defaultLocale = i18n.default_locale || this.locales[0];
    this.postFolders = [];
    this.translated = {};
    this.fieldOrder = [];
    this.registries = {};
    this.kinds = {};
    (config.collections || []).forEach(function (collection) {
      if (collection.folder && collection.i18n) {
        self.postFolders.push({
          folder: collection.folder.replace(/^\/+|\/+$/g, "") + "/",
          extension: "." + (collection.extension || "md"),
        });
        (collection.fields || []).forEach(function (field) {
          self.fieldOrder.push(field.name);
          if (field.i18n && field.i18n !== "none") { self.translated[field.name] = true; }
        });
      }
      (collection.files || []).forEach(function (file) {
        var fields = file.fields || [];
        if (fields.length === 1 && fields[0].widget === "list" && /\.ya?ml$/.test(file.file)) {
          self.registries[file.file.replace(/^\/+/, "")] = fields[0].name;
          (fields[0].fields || []).forEach(function (field) {
            (field.name === "kind" ? field.options || [] : []).forEach(function (option) {
              self.kinds[option.value] = option.label;
            });
          });
        }
      });
    });
    this.people = Object.keys(this.registries).filter(function (path) {
      return self.registries[path] === "people";
    })[0];
  }

  // A post's file: {folder, extension, stem, locale} in the CMS's naming.
  Layout.prototype.post = function (cmsPath) {
    var locales = this.locales;
    var found = null;
    this.postFolders.forEach(function (posts) {
      if (found || cmsPath.indexOf(posts.folder) !== 0) { return; }
      if (cmsPath.slice(-posts.extension.length) !== posts.extension) { return; }
      var stem = cmsPath.slice(0, -posts.extension.length);
      var dot = stem.lastIndexOf(".");
      var locale = dot > stem.lastIndexOf("/") ? stem.slice(dot + 1) : "";
      if (locales.indexOf(locale) === -1) { return; }
      found = { extension: posts.extension, stem: stem.slice(0, dot), locale: locale };
    });
    return found;
  };

  // The repository's name of a CMS path: the original is `{slug}.md`.
  Layout.prototype.toRepo = function (cmsPath) {
    var post = cmsPath && this.post(cmsPath);
    if (post && post.locale === this.defaultLocale) { return post.stem + post.extension; }
    return cmsPath;
  };

  // The CMS's name of a repository path: an original is `{slug}.vi.md`.
  Layout.prototype.toCms = function (path) {
    var self = this;
    var named = path;
    this.postFolders.forEach(function (posts) {
      if (named !== path || path.indexOf(posts.folder) !== 0) { return; }
      if (path.slice(-posts.extension.length) !== posts.extension) { return; }
      if (self.post(path)) { return; } // `.en.md` (or `.vi.md`) already
      named = path.slice(0, -posts.extension.length) + "." + self.defaultLocale +
        posts.extension;
    });
    return named;
  };

  Layout.prototype.originalOf = function (cmsPath) {
    var post = this.post(cmsPath);
    return post.stem + post.extension;
  };

  Layout.prototype.ordered = function (data) {
    var out = {};
    this.fieldOrder.concat(Object.keys(data)).forEach(function (name) {
      if (name in data && !(name in out)) { out[name] = data[name]; }
    });
    return out;
  };

  // --- the wrapper ---------------------------------------------------------------

  function Wrapper(inner, layout) {
    this.inner = inner;
    this.layout = layout;
    this.peopleList = null;
    this.diffs = {};
  }

  Wrapper.prototype.text = function (path) {
    return this.inner.getEntry(path).then(
      function (entry) { return entry && typeof entry.data === "string" ? entry.data : ""; },
      function () { return ""; });
  };

  Wrapper.prototype.people = function () {
    if (!this.peopleList) {
      this.peopleList = this.layout.people
        ? this.text(this.layout.people).then(function (raw) {
          try { return yaml.load(raw, LOAD) || []; } catch (error) { return []; }
        })
        : Promise.resolve([]);
    }
    return this.peopleList;
  };

  // What Decap reads for one file (its CMS path, the repository's text);
  // ``originalText`` gives an English side's original.
  Wrapper.prototype.read = function (cmsPath, raw, originalText) {
    var layout = this.layout;
    var registry = layout.registries[layout.toRepo(cmsPath)];
    if (typeof raw !== "string") { return Promise.resolve(raw); }
    if (registry) {
      var entries;
      try { entries = yaml.load(raw, LOAD); } catch (error) { return Promise.resolve(raw); }
      if (!Array.isArray(entries)) { return Promise.resolve(raw); }
      var names = {};
      entries.filter(isObject).forEach(function (e) { names[e.key] = e.name || e.vi; });
      entries.filter(isObject).forEach(function (e) {
        e[SEARCH] = searchText(e);
        e[LABEL] = pickerLabel(e, names, layout.kinds);
      });
      var wrapped = {};
      wrapped[registry] = entries;
      return Promise.resolve(yaml.dump(wrapped, DUMP));
    }
    var post = layout.post(cmsPath);
    if (!post || post.locale === layout.defaultLocale) { return Promise.resolve(raw); }
    var parts;
    try { parts = splitPost(raw); } catch (error) { return Promise.resolve(raw); }
    if (!parts || !KEYED.some(function (name) { return isObject(parts.data[name]); })) {
      return Promise.resolve(raw);
    }
    return Promise.all([originalText(layout.originalOf(cmsPath)), this.people()])
      .then(function (found) {
        var original = null;
        try { original = splitPost(found[0]); } catch (error) { original = null; }
        var items = originalItems(original ? original.data : {}, found[1]);
        return joinPost(mapsToLists(parts.data, items), parts.body);
      });
  };

  // A listing: paths named as Decap expects, texts as it edits them. The
  // array keeps its own properties (a backend's pagination cursor).
  Wrapper.prototype.entries = function (entries) {
    var self = this;
    var byPath = {};
    entries.forEach(function (entry) { byPath[entry.file.path] = entry.data; });
    function originalText(path) {
      return typeof byPath[path] === "string" ? Promise.resolve(byPath[path]) : self.text(path);
    }
    return Promise.all(entries.map(function (entry) {
      var cmsPath = self.layout.toCms(entry.file.path);
      return self.read(cmsPath, entry.data, originalText).then(function (data) {
        return Object.assign({}, entry, {
          data: data,
          file: Object.assign({}, entry.file, { path: cmsPath }),
        });
      });
    })).then(function (mapped) {
      Object.getOwnPropertySymbols(entries).forEach(function (symbol) {
        mapped[symbol] = entries[symbol];
      });
      return mapped;
    });
  };

  // What is written for one file Decap saves; null: not written.
  Wrapper.prototype.write = function (file, saved) {
    var layout = this.layout;
    var repoPath = layout.toRepo(file.path);
    var registry = layout.registries[repoPath];
    if (registry) {
      if (repoPath === layout.people) { this.peopleList = null; }
      var list = (yaml.load(file.raw, LOAD) || {})[registry] || [];
      list.filter(isObject).forEach(function (entry) {
        delete entry[SEARCH];
        delete entry[LABEL];
      });
      return Promise.resolve(yaml.dump(pruned(list), DUMP));
    }
    var post = layout.post(file.path);
    if (!post) { return Promise.resolve(file.raw); }
    var parts = splitPost(file.raw);
    var data = parts.data;
    if (post.locale === layout.defaultLocale) {
      return Promise.resolve(joinPost(layout.ordered(pruned(data)), parts.body));
    }
    if (!String(data.title || "").trim()) {
      return Promise.resolve(null); // nothing translated yet: no English file
    }
    var originalPath = layout.originalOf(file.path);
    var originalCms = layout.toCms(originalPath);
    var original = saved[originalCms] !== undefined
      ? Promise.resolve(saved[originalCms]) : this.text(originalPath);
    return Promise.all([original, this.people(), this.text(repoPath)]).then(function (found) {
      var source = (splitPost(found[0]) || { data: {} }).data;
      var old = (found[2] && splitPost(found[2])) || { data: {} };
      Object.keys(data).forEach(function (name) {
        if (!layout.translated[name]) { delete data[name]; } // facts: the original's
      });
      if (source.slug) { data.slug = source.slug; }
      data.lang = post.locale;
      data = listsToMaps(data, originalItems(source, found[1]), old.data);
      return joinPost(layout.ordered(pruned(data)), parts.body);
    });
  };

  Wrapper.prototype.overrides = function () {
    var self = this;
    var inner = this.inner;
    var layout = this.layout;
    return {
      entriesByFolder: function () {
        return inner.entriesByFolder.apply(inner, arguments).then(self.entries.bind(self));
      },
      allEntriesByFolder: inner.allEntriesByFolder && function (folder, ext, depth, regex) {
        // Decap's filter names originals `.vi.md`: test the CMS's name.
        var test = regex && { test: function (path) { return regex.test(layout.toCms(path)); } };
        return inner.allEntriesByFolder(folder, ext, depth, test)
          .then(self.entries.bind(self));
      },
      traverseCursor: inner.traverseCursor && function (cursor, action) {
        return inner.traverseCursor(cursor, action).then(function (result) {
          return self.entries(result.entries).then(function (entries) {
            return Object.assign({}, result, { entries: entries });
          });
        });
      },
      entriesByFiles: function (files) {
        var repoFiles = files.map(function (file) {
          return Object.assign({}, file, { path: layout.toRepo(file.path) });
        });
        return inner.entriesByFiles(repoFiles).then(self.entries.bind(self));
      },
      getEntry: function (path) {
        return inner.getEntry(layout.toRepo(path)).then(function (entry) {
          return self.entries([entry]).then(function (mapped) { return mapped[0]; });
        });
      },
      persistEntry: function (entry, options) {
        var saved = {};
        entry.dataFiles.forEach(function (file) { saved[file.path] = file.raw; });
        return Promise.all(entry.dataFiles.map(function (file) {
          return self.write(file, saved).then(function (raw) {
            if (raw === null) { return null; }
            var out = Object.assign({}, file, { path: layout.toRepo(file.path), raw: raw });
            if (file.newPath) { out.newPath = layout.toRepo(file.newPath); }
            return out;
          });
        })).then(function (files) {
          var dataFiles = files.filter(Boolean);
          return inner.persistEntry(Object.assign({}, entry, { dataFiles: dataFiles }), options);
        });
      },
      deleteFiles: function (paths, message) {
        return inner.deleteFiles(paths.map(layout.toRepo.bind(layout)), message);
      },
      unpublishedEntry: inner.unpublishedEntry && function (args) {
        return inner.unpublishedEntry(args).then(function (entry) {
          self.diffs[entry.collection + "/" + entry.slug] = entry.diffs;
          return Object.assign({}, entry, {
            diffs: entry.diffs.map(function (diff) {
              var out = Object.assign({}, diff, { path: layout.toCms(diff.path) });
              if (diff.originalPath) { out.originalPath = layout.toCms(diff.originalPath); }
              return out;
            }),
          });
        });
      },
      unpublishedEntryDataFile: inner.unpublishedEntryDataFile &&
        function (collection, slug, path, id) {
          var diffs = self.diffs[collection + "/" + slug] || [];
          function originalText(repoPath) {
            var diff = diffs.filter(function (d) { return d.path === repoPath; })[0];
            return diff
              ? inner.unpublishedEntryDataFile(collection, slug, repoPath, diff.id)
              : self.text(repoPath);
          }
          return inner.unpublishedEntryDataFile(collection, slug, layout.toRepo(path), id)
            .then(function (raw) { return self.read(path, raw, originalText); });
        },
    };
  };

  // A backend class for Decap: Decap's backend `name`, wrapped.
  function wrapped(name) {
    return function NewsroomBackend(config, options) {
      var inner = CMS.getBackend(name).init(config, options);
      var overrides = new Wrapper(inner, new Layout(config)).overrides();
      // Returned from the constructor: `new` gives Decap this object.
      return new Proxy(inner, {
        get: function (target, property) {
          if (Object.prototype.hasOwnProperty.call(overrides, property) && overrides[property]) {
            return overrides[property];
          }
          var value = target[property];
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    };
  }

  WRAPPED.forEach(function (name) {
    if (CMS.getBackend(name)) { CMS.registerBackend("newsroom-" + name, wrapped(name)); }
  });
  // For tests (tests/test_cms_git_host.py): the pure mappings.
  window.newsroomGitBackend = { matchKey: matchKey, Layout: Layout };
})();
