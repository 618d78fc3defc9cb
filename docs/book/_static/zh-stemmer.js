// Sphinx 9.0's Chinese search (html_search_language = "zh") ships the English stemmer for Latin words but asks
// for `ChineseStemmer`, which it never defines: search stops at "Searching..". This names the one it ships.
// It is looked up only when language_data.js runs, after its EnglishStemmer exists.
if (typeof ChineseStemmer === "undefined") {
  var ChineseStemmer = function () { return new EnglishStemmer(); };
}
