/* Presenting mode: a chapter page shown as full-screen slides, for a trainer with a projector.
   The deck is the page itself: it shows parts of the page one slide at a time and never copies
   or moves them, so every quiz keeps the page's own runtime (quiz.js), grading and storage.
   One section per slide (a long one split where it overflows), each quiz question on a slide of
   its own with its feedback and the quiz's score; trainer notes and crib sheets are never shown.
   In the trainer edition, S opens the speaker notes in a window of their own (#speaker), for
   the trainer's screen: the notes and the crib-sheet entry for the slide being shown.
   Nothing is stored: the slide number lives only in the address (#present-N). (book/deck.py) */
(function () {
  "use strict";
  var button = document.querySelector(".mq-present");
  var main = document.querySelector("main");
  var chapter = main && main.querySelector("section");
  if (!button || !chapter) return;
  var S = JSON.parse(button.getAttribute("data-mq-deck") || "{}");
  var ROOT = document.documentElement;
  var OFF = "mq-deck-off", PATH = "mq-deck-path", ON = "mq-deck-on", SR = "mq-deck-sr";
  var title = chapter.querySelector("h1");  // kept for screen readers on every slide
  // Never on a slide: the trainer's notes and crib sheets, the page's own navigation.
  var NEVER = ".trainer-note, .mq-crib, .mq-prevnext, script, style";
  var HASH = /^#present(?:-(\d+))?$/;
  var NOTES = chapter.querySelector(".trainer-note, .mq-crib");  // only in the trainer edition
  var channel = window.BroadcastChannel ? new BroadcastChannel("mq-deck") : null;
  var logical = [];
  var slides = [], current = 0, active = false, resizeTimer = null;
  var bar, counter, score, prev, next, speakerButton;

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // --- what is on the slides ------------------------------------------------------------
  // A logical slide: {heading, blocks, quiz, question}. Blocks are the page's own elements.
  function logicalSlides(section, out) {
    var heading = null, run = [], headed = false;
    function flush() {
      if (run.length || (heading && !headed)) out.push({ heading: heading, blocks: run, section: section });
      headed = true;
      run = [];
    }
    each(section.children, function (el) {
      if (el.matches(NEVER)) return;
      if (/^H[1-6]$/.test(el.tagName)) { heading = el; headed = false; return; }
      if (el.tagName === "SECTION") { flush(); logicalSlides(el, out); return; }
      var quiz = el.querySelector(".mq-quiz");
      if (!quiz) { run.push(el); return; }
      if (run.length) flush();
      headed = true;  // each question's slide shows the section's heading
      var questions = quiz.querySelectorAll(".mq-question");
      var tools = quiz.querySelector(".mq-tools");
      each(questions, function (q, i) {
        var last = i === questions.length - 1 && tools;  // "clear my answers" after the last question
        out.push({ heading: heading, blocks: last ? [q, tools] : [q], quiz: quiz, question: q, section: section });
      });
    });
    flush();
    return out;
  }

  // Show exactly `shown` (and the elements that hold them); hide every other part of main.
  function display(shown) {
    each(main.querySelectorAll("." + OFF + ", ." + PATH + ", ." + ON + ", ." + SR), function (el) {
      el.classList.remove(OFF, PATH, ON, SR);
    });
    withCompanions(shown).forEach(function (el) {
      el.classList.add(ON);
      for (var p = el.parentElement; p && p !== main; p = p.parentElement) p.classList.add(PATH);
    });
    [main].concat(Array.prototype.slice.call(main.querySelectorAll("." + PATH))).forEach(function (p) {
      each(p.children, function (c) {
        if (!c.classList.contains(PATH) && !c.classList.contains(ON)) c.classList.add(c === title ? SR : OFF);
      });
    });
    main.scrollTop = 0;
  }

  function bottom(el) { return el.getBoundingClientRect().bottom + parseFloat(getComputedStyle(el).marginBottom); }

  // A question's slide is one slide: if it is taller than the screen, its type is made a little
  // smaller, a step at a time, down to four fifths (then it scrolls).
  var FIT = ["mq-deck-fit1", "mq-deck-fit2", "mq-deck-fit3", "mq-deck-fit4"];
  function fit(slide) {
    main.classList.remove.apply(main.classList, FIT);
    if (!slide.question) return;
    for (var i = 0; i < FIT.length && main.scrollHeight > main.clientHeight + 1; i++) {
      if (i) main.classList.remove(FIT[i - 1]);
      main.classList.add(FIT[i]);
    }
  }

  function parts(slide) { return (slide.heading ? [slide.heading] : []).concat(slide.blocks); }

  function withCompanions(shown) {  // a table's rows shown with the table's head and caption
    var out = [];
    shown.forEach(function (el) {
      var table = el.tagName === "TR" && el.closest("table");
      if (table) [table.caption, table.tHead].forEach(function (c) { if (c && out.indexOf(c) < 0) out.push(c); });
      out.push(el);
    });
    return out;
  }

  // Split a long section where it overflows the screen: as many whole blocks per slide as fit;
  // a bulleted list, a table or the references taller than the screen are split between their
  // items (a table's head shown again); anything else taller than the screen gets a slide of
  // its own, which scrolls.
  function pieces(el, height) {
    var inner = null;
    if (el.getBoundingClientRect().height <= height) return [el];
    if (el.matches("ul, aside.footnote-list, div.docutils.container")) inner = el.children;
    else if (el.tagName === "TABLE" && el.tBodies.length) inner = el.tBodies[0].rows;
    if (!inner || !inner.length) return [el];
    if (inner.length === 1) return pieces(inner[0], height);
    return Array.prototype.concat.apply([], Array.prototype.map.call(inner, function (c) { return pieces(c, height); }));
  }

  function paginate(logical) {
    var pages = [];
    fit({});
    logical.forEach(function (s) {
      if (s.question) { pages.push(s); return; }
      display(parts(s));
      var box = main.getBoundingClientRect(), style = getComputedStyle(main);
      var limit = box.top + main.clientHeight - parseFloat(style.paddingBottom);
      var height = limit - box.top - parseFloat(style.paddingTop) - (s.heading ? bottom(s.heading) - s.heading.getBoundingClientRect().top : 0);
      var rest = Array.prototype.concat.apply([], s.blocks.map(function (b) { return pieces(b, height); }));
      if (rest.length < 2) { pages.push(s); return; }
      while (rest.length) {
        display(parts({ heading: s.heading, blocks: rest }));
        var n = 0;
        while (n < rest.length && bottom(rest[n]) <= limit + 1) n++;
        n = Math.max(n, 1);
        pages.push({ heading: s.heading, blocks: rest.slice(0, n), section: s.section });
        rest = rest.slice(n);
      }
    });
    return pages;
  }

  // --- the deck's own controls --------------------------------------------------------------
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  function buildBar() {
    bar = make("nav", "mq-deck-bar");
    bar.setAttribute("aria-label", S.deck_controls || "");
    bar.hidden = true;
    prev = make("button", "mq-deck-prev", "← " + (S.deck_prev || ""));
    next = make("button", "mq-deck-next", (S.deck_next || "") + " →");
    counter = make("span", "mq-deck-counter");
    counter.setAttribute("role", "status");
    score = make("span", "mq-deck-score");
    score.setAttribute("role", "status");
    var full = make("button", "mq-deck-full", S.deck_fullscreen + " (F)");
    var leaveButton = make("button", "mq-deck-leave", S.deck_leave + " (Esc)");
    prev.setAttribute("aria-keyshortcuts", "PageUp ArrowLeft");
    next.setAttribute("aria-keyshortcuts", "PageDown ArrowRight Space");
    full.setAttribute("aria-keyshortcuts", "F");
    leaveButton.setAttribute("aria-keyshortcuts", "Escape");
    speakerButton = make("button", "mq-deck-speaker", S.deck_speaker + " (S)");
    speakerButton.setAttribute("aria-keyshortcuts", "S");
    speakerButton.hidden = !NOTES || !channel;
    speakerButton.addEventListener("click", openSpeaker);
    [prev, next, speakerButton, full, leaveButton].forEach(function (b) { b.type = "button"; });
    prev.addEventListener("click", function () { go(current - 1); });
    next.addEventListener("click", function () { go(current + 1); });
    full.addEventListener("click", toggleFullscreen);
    leaveButton.addEventListener("click", leave);
    [prev, counter, next, score, speakerButton, full, leaveButton].forEach(function (el) { bar.appendChild(el); });
    document.body.appendChild(bar);
    if (window.MutationObserver) {  // the quiz's score, mirrored in the bar as quiz.js writes it
      var observer = new MutationObserver(showScore);
      each(main.querySelectorAll(".mq-score"), function (el) {
        observer.observe(el, { childList: true, characterData: true, subtree: true });
      });
    }
  }

  function showScore() {
    var slide = slides[current], el = slide && slide.quiz && slide.quiz.querySelector(".mq-score");
    score.textContent = el ? el.textContent : "";
  }

  // A matching question's meanings are in its drop-down lists, which the room cannot read:
  // on a slide they are listed under the question, and each list shows only the letter chosen.
  function prepareMatching(on) {
    each(main.querySelectorAll('.mq-question[data-type="matching"]'), function (q) {
      var selects = q.querySelectorAll("select");
      if (!selects.length) return;
      if (on && !q.querySelector(".mq-deck-meanings")) {
        var list = make("ul", "mq-deck-meanings mq-lettered");
        each(selects[0].options, function (o) { if (o.value) list.appendChild(make("li", "", o.textContent)); });
        selects[0].closest(".mq-pair").before(list);
      }
      each(selects, function (s) {
        each(s.options, function (o) {
          var letter = /^(\S+\.)\s/.exec(o.textContent);
          if (!o.value || !letter) return;
          if (on) o.setAttribute("label", letter[1]); else o.removeAttribute("label");
        });
      });
    });
  }

  // --- moving ---------------------------------------------------------------------------------
  function go(n) {
    if (!slides.length) return;
    current = Math.max(0, Math.min(slides.length - 1, n));
    var slide = slides[current];
    display(parts(slide));
    fit(slide);
    counter.textContent = fill(S.deck_counter, { n: current + 1, total: slides.length });
    prev.disabled = current === 0;
    next.disabled = current === slides.length - 1;
    showScore();
    history.replaceState(history.state, "", "#present-" + (current + 1));
    tellSpeaker();
    if (!main.contains(document.activeElement) && !bar.contains(document.activeElement)) {
      main.focus({ preventScroll: true });
    }
  }

  // Next and back scroll a slide taller than the screen before moving on (a clicker's
  // Page Down then reads a long case to its end).
  function step(direction) {
    var room = main.scrollHeight - main.clientHeight;
    if (direction > 0 && main.scrollTop < room - 2) { main.scrollTop += main.clientHeight * 0.8; return; }
    if (direction < 0 && main.scrollTop > 2) { main.scrollTop -= main.clientHeight * 0.8; return; }
    go(current + direction);
  }

  function slideOf(el) {  // the slide showing `el` (or the nearest one before it)
    var found = 0;
    slides.forEach(function (s, i) {
      if (parts(s).some(function (b) { return b === el || b.contains(el); })) found = found || i + 1;
    });
    return found ? found - 1 : 0;
  }

  function layout(anchor) {
    logical = logicalSlides(chapter, []);
    slides = paginate(logical);
    go(anchor ? slideOf(anchor) : current);
  }

  function start(n, anchor) {
    if (!active) {
      active = true;
      ROOT.classList.add("mq-deck");
      bar.hidden = false;
      button.setAttribute("aria-expanded", "true");
      prepareMatching(true);
    }
    logical = logicalSlides(chapter, []);
    slides = paginate(logical);
    go(anchor ? slideOf(anchor) : n);
  }

  function leave() {
    if (!active) return;
    var slide = slides[current], back = slide && (slide.question || slide.blocks[0] || slide.heading);
    active = false;
    display([]);
    fit({});
    each(main.querySelectorAll("." + OFF + ", ." + SR), function (el) { el.classList.remove(OFF, SR); });
    ROOT.classList.remove("mq-deck");
    bar.hidden = true;
    button.setAttribute("aria-expanded", "false");
    prepareMatching(false);
    history.replaceState(history.state, "", location.pathname + location.search);
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (back) back.scrollIntoView();
    button.focus({ preventScroll: true });
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen().catch(function () {}); return; }
    if (ROOT.requestFullscreen) ROOT.requestFullscreen().catch(function () {});
  }

  // The first part of the chapter at the top of the window: presenting starts there.
  function inView() {
    var found = null;
    logicalSlides(chapter, []).some(function (s) {
      return parts(s).some(function (el) {
        if (el.getBoundingClientRect().bottom > 0) { found = el; return true; }
        return false;
      });
    });
    return found;
  }

  // --- the speaker notes (trainer edition): a window of their own, never on a slide -----------
  // The presenting window says which part of the chapter is on screen (the speaker window's
  // slides are cut for its own size, so by its place in the chapter, not by number).
  function openSpeaker() {
    window.open(location.pathname + location.search + "#speaker", "mq-speaker");
  }

  function tellSpeaker() {
    if (!channel || !NOTES || !active) return;
    var slide = slides[current], first = slide && (slide.question || slide.blocks[0] || slide.heading);
    var at = -1;
    logical.forEach(function (s, i) { if (at < 0 && parts(s).some(function (b) { return b === first || b.contains(first); })) at = i; });
    channel.postMessage({ page: location.pathname, slide: at, n: current + 1, total: slides.length });
  }

  function speakerView() {
    var status = make("p", "mq-speaker-status");
    status.setAttribute("role", "status");
    var none = make("p", "mq-speaker-none", S.deck_no_notes);
    ROOT.classList.add("mq-speaker");
    main.insertBefore(none, main.firstChild);
    main.insertBefore(status, none);
    logical = logicalSlides(chapter, []);
    function showNotes(message) {
      var slide = logical[message.slide];
      if (!slide) return;
      var shown = [];
      if (slide.question) {
        each(chapter.querySelectorAll(".mq-crib-item"), function (li) {
          if (li.getAttribute("data-question") === slide.question.getAttribute("data-question")) {
            shown.push(li.closest(".mq-crib").querySelector(".admonition-title"), li);
          }
        });
      } else {
        each(slide.section.children, function (el) { if (el.matches(".trainer-note")) shown.push(el); });
      }
      display(shown.filter(Boolean));
      status.textContent = fill(S.deck_counter, { n: message.n, total: message.total });
      none.hidden = shown.length > 0;
      [status, none].forEach(function (el) { el.classList.remove(OFF); });
    }
    channel.addEventListener("message", function (e) {
      if (e.data && e.data.page === location.pathname && typeof e.data.slide === "number") showNotes(e.data);
    });
    channel.postMessage({ page: location.pathname, hello: true });
    display([]);
    [status, none].forEach(function (el) { el.classList.remove(OFF); });
  }

  // --- keys -------------------------------------------------------------------------------------
  function onKey(e) {
    if (!active || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target, tag = t.tagName || "", type = (t.type || "").toLowerCase(), k = e.key;
    if (k === "Escape") { e.preventDefault(); leave(); return; }
    // Typing, and a form control's own keys (arrows choose an option, space ticks or presses
    // it), stay the control's; Page Down / Page Up (what a clicker sends) always move.
    var typing = tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable ||
      (tag === "INPUT" && !/^(radio|checkbox|button|submit|reset)$/.test(type));
    if (typing) return;
    var choosing = tag === "INPUT", pressing = tag === "BUTTON" || tag === "SUMMARY" || tag === "A" || choosing;
    if (k === "PageDown" || (!choosing && k === "ArrowRight") || (!pressing && k === " " && !e.shiftKey)) step(1);
    else if (k === "PageUp" || (!choosing && k === "ArrowLeft") || (!pressing && k === " " && e.shiftKey)) step(-1);
    else if (k === "Home" && !choosing) go(0);
    else if (k === "End" && !choosing) go(slides.length - 1);
    else if ((k === "f" || k === "F") && !e.shiftKey) toggleFullscreen();
    else if ((k === "s" || k === "S") && !e.shiftKey && !speakerButton.hidden) openSpeaker();
    else return;
    e.preventDefault();
  }

  function fromAddress() {
    var m = HASH.exec(location.hash);
    if (m) start(m[1] ? parseInt(m[1], 10) - 1 : 0);
    else if (active) leave();
  }

  if (location.hash === "#speaker" && NOTES && channel) { speakerView(); return; }
  if (channel) {  // a speaker window that opens (or reloads) asks where the slides are
    channel.addEventListener("message", function (e) { if (e.data && e.data.hello && e.data.page === location.pathname) tellSpeaker(); });
  }
  buildBar();
  button.hidden = false;
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", function () {
    start(0, inView());
    toggleFullscreen();
  });
  document.addEventListener("keydown", onKey);
  // After "Check answer", bring the feedback into view (quiz.js has written it by now).
  main.addEventListener("click", function (e) {
    var check = active && e.target.closest && e.target.closest(".mq-check");
    var q = check && check.closest(".mq-question"), out = q && q.querySelector(".mq-feedback");
    if (out) out.scrollIntoView({ block: "nearest" });
  });
  window.addEventListener("resize", function () {
    if (!active) return;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      var slide = slides[current];
      layout(slide && (slide.question || slide.blocks[0] || slide.heading));
    }, 150);
  });
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
})();
