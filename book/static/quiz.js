/* Kernel-free quiz runtime for the manual's static site.
   Grades by the same rules as book/grading.py; reads the answer key and the UI strings
   from the quiz markup (book/render_html.py). Sends nothing anywhere. */
(function () {
  "use strict";

  // The grading contract: "unanswered" | "correct" | "incorrect".
  function grade(correctKeys, selected) {
    if (!selected.length) return "unanswered";
    if (selected.length !== correctKeys.length) return "incorrect";
    return selected.every(function (k) { return correctKeys.indexOf(k) >= 0; }) ? "correct" : "incorrect";
  }

  function para(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) p.className = cls;
    return p;
  }

  function check(question, strings) {
    var selected = Array.prototype.map.call(
      question.querySelectorAll("input:checked"), function (i) { return i.value; });
    var key = question.querySelectorAll(".mq-key li[data-option]");
    var correct = [], why = {};
    key.forEach(function (li) {
      var k = li.getAttribute("data-option");
      if (li.getAttribute("data-correct") === "yes") correct.push(k);
      why[k] = li.querySelector(".mq-why").textContent;
    });
    var state = grade(correct, selected);
    var out = question.querySelector(".mq-feedback");
    out.textContent = "";
    if (state === "unanswered") {
      question.removeAttribute("data-state");
      out.appendChild(para(strings.choose_first));
      return;
    }
    question.setAttribute("data-state", state);
    out.appendChild(para(strings[state], "mq-verdict"));
    selected.forEach(function (k) { out.appendChild(para(why[k])); });
    out.appendChild(para(question.querySelector(".mq-explanation").textContent));
  }

  function setup(quiz) {
    var strings = JSON.parse(quiz.getAttribute("data-mq-strings") || "{}");
    var questions = quiz.querySelectorAll(".mq-question");
    var score = quiz.querySelector(".mq-score");
    quiz.classList.add("mq-js");
    questions.forEach(function (question) {
      var button = question.querySelector(".mq-check");
      button.hidden = false;
      button.addEventListener("click", function () {
        check(question, strings);
        var answered = quiz.querySelectorAll(".mq-question[data-state]").length;
        var right = quiz.querySelectorAll('.mq-question[data-state="correct"]').length;
        if (answered) {
          score.textContent = strings.score
            .replace("{score}", right).replace("{total}", questions.length);
        }
      });
    });
  }

  function init() { document.querySelectorAll(".mq-quiz").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
