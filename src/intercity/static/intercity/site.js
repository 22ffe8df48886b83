/* Behaviour shared by every page (loaded with htmx, deferred). */
(function () {
  "use strict";
  // Filter forms send every field; drop the empty ones so that a shared address reads
  // /networks/?kind=thematic rather than /networks/?q=&kind=thematic&region=&...
  document.addEventListener("htmx:configRequest", function (event) {
    const data = event.detail.formData;
    if (!data || event.detail.verb !== "get") return;
    for (const key of Array.from(new Set(data.keys()))) {
      const values = data.getAll(key).filter(function (value) { return value !== ""; });
      data.delete(key);
      for (const value of values) data.append(key, value);
    }
  });
  // On a phone the filters start folded, so that the results are in sight.
  if (window.matchMedia("(max-width: 52rem)").matches) {
    document.querySelectorAll("details.filters-panel[open]").forEach(function (panel) { panel.removeAttribute("open"); });
  }
  // After htmx replaced a results region, tell assistive technology that the list changed.
  document.addEventListener("htmx:afterSwap", function (event) {
    event.detail.target.setAttribute("aria-busy", "false");
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    const target = event.detail.target;
    if (target) target.setAttribute("aria-busy", "true");
  });
})();
