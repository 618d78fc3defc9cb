// The Chinese edition's search (html_search_language = "zh"), two fixes to Sphinx 9.0's JavaScript side.
//
// 1. Sphinx's Chinese search ships the English stemmer for Latin words but asks for `ChineseStemmer`, which it
//    never defines: search stops at "Searching..". This names the one it ships. It is looked up only when
//    language_data.js runs, after its EnglishStemmer exists.
if (typeof ChineseStemmer === "undefined") {
  var ChineseStemmer = function () { return new EnglishStemmer(); };
}

// 2. Chinese is written without spaces. The index's words come from jieba (with the glossary's terms as a user
//    dictionary, see tools/build_book.py), but searchtools.js splits a query only at spaces and punctuation, so
//    稳定学习率 was looked up as one word and found nothing, while 稳定 and 学习率 are both in the index. Here
//    each run of Chinese characters in the query is cut into the words the index holds, the fewest characters
//    left over first, then the fewest words (稳定学习率 -> 稳定 学习率; 小批量梯度下降 -> 小批量 梯度下降): the text
//    and the query are cut into the same words, the index's. The leftovers: a single character is dropped (the
//    index keeps no one-character words), a longer run is searched as it is (it is not in the book, so it finds
//    nothing rather than something else). Everything else (Latin words) is split as Sphinx splits it.
(() => {
  "use strict";

  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
  const HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
  const splitAtSpaces = (query) => query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);  // searchtools.js's own splitQuery
  let dictionary = null;  // the index's Chinese words, once the index has loaded
  let longest = 1;

  const words = () => {
    if (dictionary) return dictionary;
    const index = typeof Search !== "undefined" ? Search._index : null;
    if (!index || !index.terms) return null;
    dictionary = new Set([...Object.keys(index.terms), ...Object.keys(index.titleterms || {})]
      .filter((word) => word.length > 1 && HAN.test(word)));
    dictionary.forEach((word) => { longest = Math.max(longest, word.length); });
    return dictionary;
  };

  // one run of Chinese characters -> the index's words (fewest characters left over, then fewest words)
  const segment = (run) => {
    const known = words();
    if (!known || known.has(run)) return [run];
    const chars = Array.from(run);
    const n = chars.length;
    const best = [{left: 0, count: 0, from: -1, word: false}];
    for (let i = 1; i <= n; i += 1) best.push({left: Infinity, count: Infinity, from: -1, word: false});
    const better = (a, b) => a.left < b.left || (a.left === b.left && a.count < b.count);
    for (let i = 0; i < n; i += 1) {
      const here = best[i];
      const skip = {left: here.left + 1, count: here.count, from: i, word: false};
      if (better(skip, best[i + 1])) best[i + 1] = skip;
      for (let length = 2; length <= Math.min(longest, n - i); length += 1) {
        if (!known.has(chars.slice(i, i + length).join(""))) continue;
        const take = {left: here.left, count: here.count + 1, from: i, word: true};
        if (better(take, best[i + length])) best[i + length] = take;
      }
    }
    const pieces = [];  // [text, is a word], from the end
    for (let end = n; end > 0; end = best[end].from) {
      pieces.unshift([chars.slice(best[end].from, end).join(""), best[end].word]);
    }
    const result = [];
    let leftover = "";
    const flush = () => {
      if (leftover.length > 1) result.push(leftover);
      leftover = "";
    };
    pieces.forEach(([text, word]) => {
      if (word) {
        flush();
        result.push(text);
      } else {
        leftover += text;
      }
    });
    flush();
    return result;
  };

  const splitQuery = (query) => {
    const terms = [];
    splitAtSpaces(query).forEach((term) => {
      let last = 0;
      for (const match of term.matchAll(HAN_RUN)) {
        if (match.index > last) terms.push(term.slice(last, match.index));
        terms.push(...segment(match[0]));
        last = match.index + match[0].length;
      }
      if (last < term.length) terms.push(term.slice(last));
    });
    return terms;
  };

  // searchtools.js defines its splitQuery only if none exists, and looks it up when a query runs
  window.splitQuery = splitQuery;
})();
