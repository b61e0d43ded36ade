/* Interview Playbook: keyboard and screen-reader fixes for what the theme builds in the browser
   (checked by axe-core, best-practice rules included: tests/browser/test_browser_accessible.py). */
(function () {
  "use strict";

  // The header's search and menu buttons (overrides/partials/header.html) do what clicking the
  // theme's labels did: flip the checkbox the theme watches. A button, unlike a label, is
  // reached with Tab and pressed with Enter or Space.
  // Search opened from its button behaves like a dialog: the cursor goes to the search box,
  // and when search closes again (Escape), focus comes back to the button.
  var openedBy = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-pb-toggle]");
    if (!button) return;
    var toggle = document.getElementById(button.getAttribute("data-pb-toggle"));
    if (!toggle) return;
    toggle.click();
    if (toggle.id === "__search" && toggle.checked) {
      openedBy = button;
      var input = document.querySelector(".md-search__input");
      if (input) input.focus();
    }
  });
  document.addEventListener("change", function (event) {
    var toggle = event.target;
    if (toggle.id !== "__search" || toggle.checked || !openedBy) return;
    var inSearch = document.activeElement.closest && document.activeElement.closest(".md-search");
    if (document.activeElement === document.body || inSearch) openedBy.focus();
    openedBy = null;
  });

  // The theme wraps each code block's copy button in a <nav> of its own: a page of messages
  // would list a dozen unnamed navigation landmarks, alike to a screen reader
  // (landmark-unique). One button is no navigation, so its wrapper is made a plain box.
  function plainCodeNavs(root) {
    if (root.matches && root.matches("nav.md-code__nav")) root.setAttribute("role", "none");
    if (root.querySelectorAll) {
      root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
        nav.setAttribute("role", "none");
      });
    }
  }

  function watch() {
    plainCodeNavs(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(plainCodeNavs);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
