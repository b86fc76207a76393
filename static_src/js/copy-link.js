// "Salin tautan" for the share buttons. The button ships hidden and is shown only where
// the Clipboard API exists (it needs a secure context), so it never does nothing.
(function () {
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("[data-copy-url]").forEach(function (button) {
    var item = button.closest("[data-copy-item]");
    var status = button.closest("section").querySelector("[data-copy-status]");
    if (item) {
      item.hidden = false;
    }
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copyUrl).then(
        function () {
          status.textContent = button.dataset.copiedText;
        },
        function () {
          status.textContent = button.dataset.failedText;
        }
      );
    });
  });
})();
