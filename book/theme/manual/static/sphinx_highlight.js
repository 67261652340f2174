/* Replaces Sphinx's sphinx_highlight.js (the manual's theme overrides the basic theme's file of
   the same name). Sphinx's search would write the reader's query into localStorage
   ("sphinx_highlight_terms") to highlight it on the next page: the manual keeps nothing that
   its Safety page does not name, so search terms are never highlighted, never stored, and a
   value left by an earlier version is removed. */
var SPHINX_HIGHLIGHT_ENABLED = false;
try { localStorage.removeItem("sphinx_highlight_terms"); } catch (e) { /* storage blocked: nothing kept */ }
