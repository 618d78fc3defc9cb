// The book's small behaviours (docs/book/conf.py loads this on every page of both editions).
//
// Display maths a little wider than the article's column (by up to a fifth: e.g. two equations of notebook 07 at
// 1280 px) is drawn a little smaller, so that it fits whole; wider maths (on a phone) scrolls inside its own box
// (book.css). Runs once MathJax has typeset the page, and again when the window's width changes.
(() => {
  "use strict";
  const SMALLEST = 0.8;

  const fit = () => document.querySelectorAll('mjx-container[display="true"]').forEach((box) => {
    if (box.dataset.bookFontSize === undefined) box.dataset.bookFontSize = box.style.fontSize;
    box.style.fontSize = box.dataset.bookFontSize;
    const ratio = box.clientWidth / box.scrollWidth;
    if (ratio < 1 && ratio >= SMALLEST) {
      const size = parseFloat(getComputedStyle(box).fontSize);
      box.style.fontSize = `${Math.floor(size * ratio * 10) / 10}px`;
    }
  });

  let width = window.innerWidth;
  let timer = null;
  window.addEventListener("resize", () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    clearTimeout(timer);
    timer = setTimeout(fit, 150);
  });
  // on the search page, the edition switch searches the other edition for the same words
  document.addEventListener("DOMContentLoaded", () => {
    if (!window.location.search) return;
    document.querySelectorAll("a.book-lang-switch").forEach((a) => {
      const href = a.getAttribute("href");
      if (/search\.html$/.test(href)) a.setAttribute("href", href + window.location.search);
    });
  });
  window.addEventListener("load", () => {
    const startup = window.MathJax && window.MathJax.startup;
    if (startup && startup.promise) startup.promise.then(fit);
  });
})();
