// Start Decap CMS for the news site (plugins/cms_admin/README.md).
// - On 127.0.0.1 or localhost, edit the files through `make devserver`'s proxy
//   (Decap's local backend protocol, devserver/cms_backend.py): no Git host, no login.
// - Elsewhere, the Git host of config.json's backend, through the wrapper of
//   git-backend.js (file names, English side and registries as today).
// - Before each save, give a new post its slug (from the title when left
//   empty), and the Vietnamese side no English-only keys.
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

  var ENGLISH_ONLY = ["roles", "captions", "groups"];

  // Decap lets a save hook change the default locale's data only: the English
  // file's lang, slug and facts are set by the local backend
  // (devserver/cms_backend.py) or, on a Git host, by git-backend.js.
  function preSave(args) {
    var entry = args.entry;
    if (entry.get("collection") !== "posts") {
      return undefined;
    }
    var data = entry.get("data");
    if (entry.get("newRecord") && !data.get("slug")) {
      // A new post's address, as the build would derive it; an existing
      // post's is never changed (its URL would move).
      data = data.set("slug", slugify(data.get("title")));
    }
    ENGLISH_ONLY.forEach(function (name) { data = data.delete(name); });
    return data;
  }

  // The local backend and the Git hosts' wrapper (git-backend.js) give every
  // registry entry a search text and a label (name, kind, parent): the
  // pickers use them (plugins/cms_admin/config.py).
  function richPickers(node) {
    if (Array.isArray(node)) {
      node.forEach(richPickers);
    } else if (node && typeof node === "object") {
      if (node.widget === "relation" && node.collection === "registries") {
        node.search_fields = [node.file + ".*.search"];
        node.display_fields = [node.file + ".*.label"];
      }
      Object.keys(node).forEach(function (key) { richPickers(node[key]); });
    }
  }

  // The preview (with make devserver): what `make check` says of the saved
  // post, above the title, summary and body. Asked again every few seconds:
  // the backend runs the check only when a post or registry changed.
  function problemsPreview() {
    return window.createClass({
      getInitialState: function () { return { problems: null }; },
      componentDidMount: function () {
        this.load();
        this.timer = setInterval(this.load, 4000);
      },
      componentWillUnmount: function () { clearInterval(this.timer); },
      load: function () {
        var self = this;
        var path = self.props.entry.get("path");
        if (!path) { return; }
        fetch(config.local_backend.url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ action: "problems", params: { path: path } }),
        })
          .then(function (response) { return response.json(); })
          .then(function (answer) { self.setState({ problems: answer.problems || [] }); })
          .catch(function () {});
      },
      render: function () {
        var h = window.h;
        var problems = this.state.problems;
        var data = this.props.entry.get("data");
        var box = null;
        if (problems && problems.length) {
          box = h("div", { role: "alert", className: "newsroom-problems", style: {
            border: "2px solid #b00020", background: "#fdecee", color: "#5c0010",
            padding: "0.75em 1em", marginBottom: "1em", fontFamily: "sans-serif" } },
            h("strong", {}, "Bài đã lưu còn lỗi (make check):"),
            h("ul", {}, problems.map(function (line, i) { return h("li", { key: i }, line); })));
        } else if (problems) {
          box = h("p", { className: "newsroom-problems-none", style: { color: "#1b5e20",
            fontFamily: "sans-serif" } }, "Bài đã lưu không có lỗi.");
        }
        return h("article", {}, box,
          h("h1", {}, data.get("title")),
          h("p", {}, h("em", {}, data.get("summary"))),
          this.props.widgetFor("body"));
      },
    });
  }

  CMS.registerEventListener({ name: "preSave", handler: preSave });
  if (local) {
    CMS.registerPreviewTemplate("posts", problemsPreview());
  }
  fetch("config.json", { cache: "no-cache" })
    .then(function (response) { return response.json(); })
    .then(function (generated) {
      generated.load_config_file = false;
      if (local) {
        generated.local_backend = config.local_backend;
      }
      richPickers(generated.collections);
      CMS.init({ config: generated });
    });
})();
