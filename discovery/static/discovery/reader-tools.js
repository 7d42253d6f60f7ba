// Reader tools on a brief: print, copy link, and the device's share sheet (Web Share API).
// The buttons are rendered hidden and revealed only where the browser can do what they do;
// without JavaScript the plain share links remain.
document.querySelectorAll("[data-reader-tools]").forEach((tools) => {
  const url = tools.dataset.url;
  const title = tools.dataset.title;
  const reveal = (selector, action) => {
    const button = tools.querySelector(selector);
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", action);
  };
  reveal("[data-print]", () => window.print());
  if (navigator.clipboard) {
    reveal("[data-copy]", async (event) => {
      await navigator.clipboard.writeText(url);
      const status = tools.querySelector("[data-copy-status]");
      if (status) status.textContent = event.currentTarget.dataset.done;
    });
  }
  if (navigator.share) {
    reveal("[data-share]", () => navigator.share({ title, url }).catch(() => {}));
  }
});
