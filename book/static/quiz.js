/* Kernel-free quiz runtime for the manual's static site.
   Grades with the same rules as book/grading.py (gradeKey), reads answer keys and UI strings
   from the markup (book/render_html.py), keeps answers only in this browser's localStorage
   and sends nothing anywhere. */
(function () {
  "use strict";
  var STORE = "sw-manual:answers:v1", NONE = { state: "unanswered", parts: {} };

  function allTrue(parts) {
    for (var p in parts) if (!parts[p]) return false;
    return true;
  }
  function graded(parts, right) {
    return { state: (right === undefined ? allTrue(parts) : right) ? "correct" : "incorrect", parts: parts };
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, name) { return name in values ? values[name] : m; });
  }
  function strings(list) { return list.every(function (x) { return x === null || typeof x === "string"; }); }
  function each(q, sel, f) { return Array.prototype.map.call(q.querySelectorAll(sel), f); }
  function keyItem(q, part) { return q.querySelector('.mq-key li[data-part="' + part + '"]'); }
  function text(el, sel) { var n = el && el.querySelector(sel); return n ? n.textContent : ""; }

  // --- what differs between question types: one entry each (book/grading.py: QUESTION_TYPES) ----
  //   grade(key, answer)   the grading contract (book/grading.py: grade_key)
  //   get(q) / set(q, a)   the answer in the form; ok(a): a stored answer has this type's shape
  //   lines(q, key, answer, result, S)   feedback between the verdict and the explanation
  //   whole                answered part by part ("answer every part" until then)
  var one = {
    grade: function (key, a) { return a ? graded({}, key.correct.length === 1 && key.correct[0] === a) : NONE; },
    get: function (q) { var c = q.querySelector("input:checked"); return c ? c.value : null; },
    set: function (q, a) { each(q, "input", function (i) { i.checked = a === i.value; }); },
    ok: function (a) { return typeof a === "string"; },
    lines: function (q, key, a) { return [text(keyItem(q, a), ".mq-why")]; }
  };
  function isMap(a) { return !!a && typeof a === "object" && !Array.isArray(a) && strings(Object.keys(a).map(function (k) { return a[k]; })); }
  function byPart(expected, given) {  // scenario and matching: every part answered, each right or wrong
    var out = {};
    given = given || {};
    for (var p in expected) { if (!given[p]) return NONE; out[p] = given[p] === expected[p]; }
    return graded(out);
  }
  function keyLines(q, line) {  // one line per answer-key item (its part, or option)
    return each(q, ".mq-key li[data-part]", function (li) { return line(li, li.getAttribute("data-part")); })
      .filter(function (l) { return l !== null; });
  }
  var TYPES = {
    single: one,
    truefalse: one,
    multiple: {
      grade: function (key, a) {
        var parts = {};
        if (!a || !a.length) return NONE;
        a.forEach(function (k) { parts[k] = key.correct.indexOf(k) >= 0; });
        key.correct.forEach(function (k) { if (a.indexOf(k) < 0) parts[k] = false; });
        return graded(parts);
      },
      get: function (q) { return each(q, "input:checked", function (i) { return i.value; }); },
      set: function (q, a) { each(q, "input", function (i) { i.checked = !!a && a.indexOf(i.value) >= 0; }); },
      ok: function (a) { return Array.isArray(a) && strings(a); },
      lines: function (q, key, a, r, S) {
        return keyLines(q, function (li, k) {
          if (!(k in r.parts)) return null;
          return fill(S[a.indexOf(k) < 0 ? "pick_missed" : key.correct.indexOf(k) >= 0 ? "pick_right" : "pick_wrong"],
            { option: text(li, ".mq-label"), why: text(li, ".mq-why") });
        });
      }
    },
    scenario: {
      whole: true,
      grade: byPart,
      get: function (q) {
        var a = {};
        each(q, ".mq-part", function (f) { var c = f.querySelector("input:checked"); a[f.getAttribute("data-part")] = c ? c.value : null; });
        return a;
      },
      set: function (q, a) { each(q, "input", function (i) { i.checked = !!a && a[i.closest(".mq-part").getAttribute("data-part")] === i.value; }); },
      ok: isMap,
      lines: function (q, key, a, r, S) {
        return keyLines(q, function (li, p) {
          return fill(S[r.parts[p] ? "part_right" : "part_wrong"],
            { part: text(li, ".mq-label"), expected: text(li, ".mq-expected"), why: text(li, ".mq-why") });
        });
      }
    },
    matching: {
      whole: true,
      grade: function (key, a) { return byPart(key.pairs, a); },
      get: function (q) { var a = {}; each(q, "select", function (s) { a[s.getAttribute("data-part")] = s.value || null; }); return a; },
      set: function (q, a) { each(q, "select", function (s) { s.value = (a && a[s.getAttribute("data-part")]) || ""; }); },
      ok: isMap,
      lines: function (q, key, a, r, S) {
        return keyLines(q, function (li, k) {
          return (fill(S[r.parts[k] ? "pair_right" : "pair_wrong"], { term: text(li, ".mq-label"), meaning: text(li, ".mq-match") })
            + " " + text(li, ".mq-why")).trim();
        });
      }
    }
  };
  function kind(type) { return TYPES.hasOwnProperty(type) ? TYPES[type] : null; }

  // --- the grading contract (book/grading.py: grade_key) ---------------------------------
  function gradeKey(type, key, answer) {
    var k = kind(type);
    return k ? k.grade(key, answer) : NONE;
  }

  // --- storage: one key for the whole site; failures (private modes, blocked storage) are harmless.
  // What is read back is checked: anything not in the shape save() writes is dropped, so a
  // damaged or foreign value can never stop a quiz from working.
  function isEntry(e) { return !!e && (e.state === "correct" || e.state === "incorrect"); }
  function load() {
    var all, kept = {};
    try { all = JSON.parse(localStorage.getItem(STORE)); } catch (e) { /* damaged: start afresh */ }
    if (all && typeof all === "object") for (var k in all) if (k !== "__proto__" && isEntry(all[k])) kept[k] = all[k];
    return kept;
  }
  function save(all) {
    try {
      if (Object.keys(all).length) localStorage.setItem(STORE, JSON.stringify(all));
      else localStorage.removeItem(STORE);
    } catch (e) { /* nothing is kept */ }
  }
  function forgetLegacy() {  // Sphinx's search kept the query here in earlier versions; never kept now
    try { localStorage.removeItem("sphinx_highlight_terms"); } catch (e) { /* nothing is kept */ }
  }

  // --- feedback: the same lines as book/grading.py: feedback_lines ---------------------
  function feedbackLines(q, k, key, answer, result, S) {
    if (result.state === "unanswered") return [S[k.whole ? "answer_all" : "choose_first"]];
    return [S[result.state]].concat(k.lines(q, key, answer, result, S), [text(q, ".mq-explanation")]);
  }

  function show(q, lines, state) {
    var out = q.querySelector(".mq-feedback");
    out.textContent = "";
    lines.forEach(function (line, i) {
      var p = document.createElement("p");
      p.textContent = line;
      if (i === 0 && state !== "unanswered") p.className = "mq-verdict";
      out.appendChild(p);
    });
    if (state === "unanswered") q.removeAttribute("data-state");
    else q.setAttribute("data-state", state);
  }

  // --- one quiz --------------------------------------------------------------------------
  function setup(quiz) {
    var S = JSON.parse(quiz.getAttribute("data-mq-strings") || "{}");
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".mq-question[data-answer]"));
    var tools = quiz.querySelector(".mq-tools");
    quiz.classList.add("mq-js");
    if (!questions.length) return;
    tools.hidden = false;

    function score() {
      var answered = quiz.querySelectorAll(".mq-question[data-state]").length;
      var right = quiz.querySelectorAll('.mq-question[data-state="correct"]').length;
      tools.querySelector(".mq-score").textContent =
        answered ? fill(S.score, { score: right, total: questions.length }) : "";
    }

    function check(q, remember) {
      var k = kind(q.getAttribute("data-type")), key = JSON.parse(q.getAttribute("data-answer"));
      var answer = k.get(q), result = k.grade(key, answer);
      show(q, feedbackLines(q, k, key, answer, result, S), result.state);
      if (remember && result.state !== "unanswered") {
        var all = load();
        all[q.getAttribute("data-store")] = { answer: answer, state: result.state };
        save(all);
      }
      score();
    }

    var saved = load();
    questions.forEach(function (q) {
      var button = q.querySelector(".mq-check");
      button.hidden = false;
      button.addEventListener("click", function () { check(q, true); });
      var k = kind(q.getAttribute("data-type")), mine = saved[q.getAttribute("data-store")];
      if (!mine) return;
      if (k.ok(mine.answer)) { k.set(q, mine.answer); check(q, false); }
      if (q.getAttribute("data-state") !== mine.state) forget(q);  // not what was saved: drop it
    });

    tools.querySelector(".mq-clear").addEventListener("click", clearPage);
  }

  function forget(q) {  // this question's answer: off the page and out of storage
    var all = load();
    delete all[q.getAttribute("data-store")];
    save(all);
    kind(q.getAttribute("data-type")).set(q, null);
    q.querySelector(".mq-feedback").textContent = "";
    q.removeAttribute("data-state");
  }

  // "Clear my answers on this page": every quiz on the page, and says so under each of them.
  function clearPage() {
    document.querySelectorAll(".mq-quiz .mq-question[data-answer]").forEach(forget);
    forgetLegacy();
    document.querySelectorAll(".mq-quiz").forEach(function (quiz) {
      var S = JSON.parse(quiz.getAttribute("data-mq-strings") || "{}"), score = quiz.querySelector(".mq-score");
      if (score) score.textContent = S.cleared;
    });
  }

  // --- the progress page -------------------------------------------------------------------
  function progress(el) {
    var S = JSON.parse(el.getAttribute("data-mq-strings") || "{}");
    var all = load();
    el.querySelectorAll("tr[data-keys]").forEach(function (row) {
      var keys = JSON.parse(row.getAttribute("data-keys")), answered = 0, right = 0;
      keys.forEach(function (k) { if (all[k]) { answered++; if (all[k].state === "correct") right++; } });
      row.querySelector(".mq-answered").textContent = fill(S.progress_count, { n: answered, total: keys.length });
      row.querySelector(".mq-right").textContent = fill(S.progress_count, { n: right, total: keys.length });
    });
    el.querySelector(".mq-progress-nojs").hidden = true;
    var button = el.querySelector(".mq-clear-all"), status = el.querySelector(".mq-progress-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      save({});  // everything this site has ever written in this browser
      forgetLegacy();
      progress(el);
      status.textContent = S.all_cleared;
    }, { once: true });
  }

  function init() {
    forgetLegacy();
    document.querySelectorAll(".mq-quiz").forEach(setup);
    document.querySelectorAll(".mq-progress").forEach(progress);
    if (window.performance && performance.mark) performance.mark("mq-ready");
  }

  window.ManualQuiz = { gradeKey: gradeKey };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
