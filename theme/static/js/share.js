// Share buttons of a post (article.html): "copy link" where the browser can
// write to the clipboard, and the phone's own share sheet (Web Share API) on touch
// screens. Both buttons stay hidden without this script or without the API.

const copy = document.querySelector(".share__copy");
const native = document.querySelector(".share__native");
const status = document.querySelector(".share__status");

if (copy && navigator.clipboard && window.isSecureContext) {
  copy.parentElement.hidden = false;
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(copy.dataset.url);
      status.textContent = copy.dataset.done;
    } catch {
      status.textContent = copy.dataset.url;
    }
  });
}

const phone = window.matchMedia("(pointer: coarse)").matches;
if (native && phone && typeof navigator.share === "function") {
  native.parentElement.hidden = false;
  native.addEventListener("click", () => {
    navigator
      .share({ title: native.dataset.title, url: native.dataset.url })
      .catch(() => {}); // the reader closed the share sheet
  });
}
