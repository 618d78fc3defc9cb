// The search results' excerpts, from the texts in book-search-texts.js (docs/book/book_search.py writes it; the
// search page loads it with a <script> tag). Sphinx's search fetch()es each result page for its excerpt, which a
// browser refuses for a book opened from disk (file://), so the book turns that off (html_show_search_summary =
// False) and this writes the excerpt instead, from disk and over HTTP alike: the same 240 characters around the
// first search term that Sphinx's Search.makeSearchSummary picks, in a <p class="context">, terms highlighted.
(() => {
  "use strict";

  const summary = (doc, anchor, keywords) => {
    const page = (window.BOOK_SEARCH_TEXTS || {})[doc];
    if (!page) return null;
    let text = page.text;
    const section = anchor && page.sections[anchor.replace(/^#/, "")];
    if (section) text = text.slice(section[0], section[1]);
    if (!text) return null;
    const lower = text.toLowerCase();
    const at = keywords.map((k) => lower.indexOf(k.toLowerCase())).find((i) => i > -1);  // the first one found
    const start = Math.max((at === undefined ? 0 : at) - 120, 0);
    const p = document.createElement("p");
    p.classList.add("context");
    p.textContent = (start ? "..." : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? "..." : "");
    return p;
  };

  const terms = () => {
    // the excerpt is centred on the whole query if the text has it, else on its first word found, else a stem
    const query = (new URLSearchParams(window.location.search).get("q") || "").trim();
    if (typeof Search !== "undefined" && Search._parseQuery) {
      const [, searchTerms, , highlightTerms] = Search._parseQuery(query);
      return {keywords: [...new Set([query, ...highlightTerms, ...searchTerms])], highlight: [...highlightTerms]};
    }
    const words = query.split(/\s+/).filter((w) => w);
    return {keywords: [query, ...words], highlight: words};
  };

  const addSummary = (item, found) => {
    const link = item.querySelector("a");
    if (!link || item.querySelector("p.context")) return;
    const href = link.getAttribute("href") || "";  // docname + ".html" + anchor, relative to search.html
    const hash = href.indexOf("#");
    const path = hash < 0 ? href : href.slice(0, hash);
    const doc = path.replace(/\.html$/, "");
    const p = summary(doc, hash < 0 ? "" : href.slice(hash), found.keywords);
    if (!p) return;
    item.appendChild(p);
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED
        && typeof _highlightText === "function") {
      found.highlight.forEach((term) => _highlightText(p, term, "highlighted"));
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    const results = document.getElementById("search-results");
    if (!results) return;
    let found = null;
    new MutationObserver((changes) => {
      changes.forEach((change) => change.addedNodes.forEach((node) => {
        if (node.nodeName !== "LI") return;
        found = found || terms();
        addSummary(node, found);
      }));
    }).observe(results, {childList: true, subtree: true});
  });
})();
