/* Kernel-free quiz runtime for the manual's static site.
   Grades with the same rules as book/grading.py (gradeKey), reads answer keys and UI strings
   from the markup (book/render_html.py), keeps answers only in this browser's localStorage
   and sends nothing anywhere. */
(function () {
  "use strict";
  var STORE = "sw-manual:answers:v1";
  var PARTS = ["act", "means", "purpose", "verdict"];

  // --- the grading contract (book/grading.py: grade_key) ---------------------------------
  function gradeKey(type, key, answer) {
    var none = { state: "unanswered", parts: {} };
    if (type === "single" || type === "truefalse") {
      if (!answer) return none;
      return { state: key.correct.length === 1 && key.correct[0] === answer ? "correct" : "incorrect", parts: {} };
    }
    if (type === "multiple") {
      var chosen = answer || [];
      if (!chosen.length) return none;
      var parts = {};
      chosen.forEach(function (k) { parts[k] = key.correct.indexOf(k) >= 0; });
      key.correct.forEach(function (k) { if (chosen.indexOf(k) < 0) parts[k] = false; });
      return { state: allTrue(parts) ? "correct" : "incorrect", parts: parts };
    }
    if (type === "scenario" || type === "matching") {
      var expected = type === "scenario" ? key : key.pairs, given = answer || {}, out = {};
      for (var p in expected) { if (!given[p]) return none; out[p] = given[p] === expected[p]; }
      return { state: allTrue(out) ? "correct" : "incorrect", parts: out };
    }
    return none;
  }

  function allTrue(parts) {
    for (var p in parts) if (!parts[p]) return false;
    return true;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, name) { return name in values ? values[name] : m; });
  }

  // --- storage: one key for the whole site; failures (private modes, blocked storage) are harmless.
  // What is read back is checked: anything not in the shape save() writes is dropped, so a
  // damaged or foreign value can never stop a quiz from working.
  function isAnswer(type, a) {
    function strings(list) { return list.every(function (x) { return x === null || typeof x === "string"; }); }
    if (type === "multiple") return Array.isArray(a) && strings(a);
    if (type !== "scenario" && type !== "matching") return typeof a === "string";
    return !!a && typeof a === "object" && !Array.isArray(a) && strings(Object.keys(a).map(function (k) { return a[k]; }));
  }
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

  // --- reading and writing a question's answer in the form --------------------------------
  function getAnswer(q, type) {
    if (type === "single" || type === "truefalse") {
      var c = q.querySelector("input:checked");
      return c ? c.value : null;
    }
    if (type === "multiple") {
      return Array.prototype.map.call(q.querySelectorAll("input:checked"), function (i) { return i.value; });
    }
    var a = {};
    if (type === "scenario") {
      PARTS.forEach(function (p) {
        var c = q.querySelector('.mq-part[data-part="' + p + '"] input:checked');
        a[p] = c ? c.value : null;
      });
    } else {
      q.querySelectorAll("select").forEach(function (s) { a[s.getAttribute("data-part")] = s.value || null; });
    }
    return a;
  }

  function setAnswer(q, type, answer) {
    var inputs = q.querySelectorAll("input");
    if (type === "matching") {
      q.querySelectorAll("select").forEach(function (s) { s.value = (answer && answer[s.getAttribute("data-part")]) || ""; });
      return;
    }
    inputs.forEach(function (i) {
      var part = i.closest(".mq-part"), want;
      if (type === "scenario") want = answer && part && answer[part.getAttribute("data-part")] === i.value;
      else if (type === "multiple") want = !!answer && answer.indexOf(i.value) >= 0;
      else want = answer === i.value;
      i.checked = !!want;
    });
  }

  // --- feedback: the same lines as book/grading.py: feedback_lines ---------------------
  function keyItem(q, part) { return q.querySelector('.mq-key li[data-part="' + part + '"]'); }
  function text(el, sel) { var n = el && el.querySelector(sel); return n ? n.textContent : ""; }

  function feedbackLines(q, type, key, answer, result, S) {
    if (result.state === "unanswered") {
      return [S[type === "scenario" || type === "matching" ? "answer_all" : "choose_first"]];
    }
    var lines = [S[result.state]];
    if (type === "single" || type === "truefalse") {
      lines.push(text(keyItem(q, answer), ".mq-why"));
    } else if (type === "multiple") {
      q.querySelectorAll(".mq-key li[data-part]").forEach(function (li) {
        var k = li.getAttribute("data-part");
        if (!(k in result.parts)) return;
        var chosen = answer.indexOf(k) >= 0, correct = key.correct.indexOf(k) >= 0;
        var t = !chosen ? "pick_missed" : (correct ? "pick_right" : "pick_wrong");
        lines.push(fill(S[t], { option: text(li, ".mq-label"), why: text(li, ".mq-why") }));
      });
    } else if (type === "scenario") {
      PARTS.forEach(function (p) {
        var li = keyItem(q, p);
        lines.push(fill(S[result.parts[p] ? "part_right" : "part_wrong"],
          { part: text(li, ".mq-label"), expected: text(li, ".mq-expected"), why: text(li, ".mq-why") }));
      });
    } else if (type === "matching") {
      q.querySelectorAll(".mq-key li[data-part]").forEach(function (li) {
        var k = li.getAttribute("data-part");
        var line = fill(S[result.parts[k] ? "pair_right" : "pair_wrong"],
          { term: text(li, ".mq-label"), meaning: text(li, ".mq-match") });
        lines.push((line + " " + text(li, ".mq-why")).trim());
      });
    }
    lines.push(text(q, ".mq-explanation"));
    return lines;
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
      var type = q.getAttribute("data-type"), key = JSON.parse(q.getAttribute("data-answer"));
      var answer = getAnswer(q, type), result = gradeKey(type, key, answer);
      show(q, feedbackLines(q, type, key, answer, result, S), result.state);
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
      var type = q.getAttribute("data-type"), mine = saved[q.getAttribute("data-store")];
      if (!mine) return;
      if (isAnswer(type, mine.answer)) { setAnswer(q, type, mine.answer); check(q, false); }
      if (q.getAttribute("data-state") !== mine.state) forget(q);  // not what was saved: drop it
    });

    tools.querySelector(".mq-clear").addEventListener("click", clearPage);
  }

  function forget(q) {  // this question's answer: off the page and out of storage
    var all = load();
    delete all[q.getAttribute("data-store")];
    save(all);
    setAnswer(q, q.getAttribute("data-type"), null);
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
