// Photo viewer of a post: the lead photo and the gallery open full screen in the
// page's <dialog> (article.html). Without this script every photo is a
// plain link to its large version. No framework, no network beyond the photos.
//
// Keys: Escape closes, Left/Right (and Home/End) move, Tab stays inside the
// viewer; swipe left/right on a touch screen; focus returns to the photo opened.

const dialog = document.getElementById("photo-viewer");
const links = [...document.querySelectorAll("a[data-viewer-item]")];

if (dialog && links.length && typeof dialog.showModal === "function") {
  const config = JSON.parse(document.getElementById("viewer-config").textContent);
  const caption = dialog.querySelector(".viewer__caption");
  const count = dialog.querySelector(".viewer__count");
  const prev = dialog.querySelector(".viewer__prev");
  const next = dialog.querySelector(".viewer__next");
  const close = dialog.querySelector(".viewer__close");
  // The large photo: made here, so a page without script has no empty <img>.
  const image = document.createElement("img");
  image.className = "viewer__image";
  image.decoding = "async";
  caption.before(image);
  let current = 0;
  let opener = null;

  const show = (index) => {
    current = (index + links.length) % links.length;
    const link = links[current];
    const thumbnail = link.querySelector("img");
    image.src = link.href;
    image.alt = thumbnail ? thumbnail.alt : "";
    if (thumbnail && thumbnail.lang) image.lang = thumbnail.lang;
    else image.removeAttribute("lang");
    caption.textContent = link.dataset.caption || "";
    caption.hidden = !link.dataset.caption;
    count.textContent = config.count
      .replace("{n}", String(current + 1))
      .replace("{total}", String(links.length));
    prev.hidden = next.hidden = links.length < 2;
  };

  const open = (index) => {
    opener = document.activeElement;
    show(index);
    dialog.showModal();
    (links.length > 1 ? next : close).focus();
  };

  links.forEach((link, index) => {
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return; // a new tab or window: leave it to the browser
      }
      event.preventDefault();
      open(index);
    });
  });

  prev.addEventListener("click", () => show(current - 1));
  next.addEventListener("click", () => show(current + 1));
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    image.removeAttribute("src");
    if (opener && typeof opener.focus === "function") opener.focus();
  });
  // A click on the backdrop (outside the photo and the buttons) closes.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });

  dialog.addEventListener("keydown", (event) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1 };
    if (event.key in moves) {
      event.preventDefault();
      show(current + moves[event.key]);
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      show(event.key === "Home" ? 0 : links.length - 1);
    } else if (event.key === "Tab") {
      // Keep focus on the viewer's buttons (not the browser's toolbar).
      const buttons = [...dialog.querySelectorAll("button")].filter((b) => !b.hidden);
      const at = buttons.indexOf(document.activeElement);
      const to = at + (event.shiftKey ? -1 : 1);
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length].focus();
    }
  });

  // Swipe on touch screens: a mostly horizontal move of 40 px or more.
  let start = null;
  dialog.addEventListener("pointerdown", (event) => {
    if (event.pointerType !== "mouse") start = { x: event.clientX, y: event.clientY };
  });
  dialog.addEventListener("pointerup", (event) => {
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) >= 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
      show(current + (dx < 0 ? 1 : -1));
    }
  });
  dialog.addEventListener("pointercancel", () => {
    start = null;
  });
}
