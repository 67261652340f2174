/* Quick exit ("Exit this page"): the button, or Shift pressed three times, hides the page at
   once and replaces it in this tab's history with a neutral page (set in _config.yml). */
(function () {
  "use strict";
  var link = document.querySelector(".mq-exit");
  if (!link) return;
  var S = JSON.parse(link.getAttribute("data-mq-exit") || "{}");
  var status = document.getElementById("mq-exit-status");
  var hint = document.querySelector(".mq-exit-hint");
  if (hint) hint.hidden = false;  // "or press Shift 3 times": true only now that this script runs
  var presses = 0, timer = null;

  function exit(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("mq-exiting");
    document.title = "";
    if (status) status.textContent = S.leaving || "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", exit);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; if (status) status.textContent = ""; }, 5000);
    if (presses >= 3) { exit(); return; }
    if (status) status.textContent = (presses === 1 ? S.press2 : S.press1) || "";
  });
})();
