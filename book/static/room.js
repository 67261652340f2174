/* The room's participant page (book/room.py): join, show the trainer's question, send one
   anonymous answer, show the answer when the trainer reveals it. Plain ES5 for old phones; the
   device token lives only in this script's memory (no cookie, no storage), so closing or
   reloading the page leaves nothing behind. */
(function () {
  "use strict";
  var S = JSON.parse(document.body.getAttribute("data-room-strings") || "{}");
  var lang = document.documentElement.lang;
  var form = byId("room-form"), box = byId("room-question"), send = byId("room-send");
  var status = byId("room-status"), result = byId("room-result"), reveal = byId("room-reveal");
  var device = null, source = null, shown = 0, question = null, sent = null, ended = false, waitMs = 1000;
  var sending = false, later = null;  // a state that came while this phone's answer was on its way

  function byId(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var a in attrs) node.setAttribute(a, attrs[a]);
    if (text) node.textContent = text;
    return node;
  }
  function say(node, text) { if (node.textContent !== text) node.textContent = text; }

  function request(path, data, done) {
    var xhr = new XMLHttpRequest();
    xhr.open("POST", path + "?lang=" + lang);
    xhr.setRequestHeader("Content-Type", "application/json");
    xhr.onload = function () {
      var body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      done(xhr.status, body || {});
    };
    xhr.onerror = function () { done(0, {}); };
    xhr.send(data ? JSON.stringify(data) : "{}");
  }

  // --- joining and listening ---------------------------------------------------------------
  function join() {
    request("join", null, function (code, body) {
      if (code === 200) { device = body.device; waitMs = 1000; listen(); return; }
      if (code === 410) { closed(); return; }
      say(status, body.message || S.room_offline);
      setTimeout(join, waitMs);
      waitMs = Math.min(waitMs * 2, 15000);
    });
  }

  function listen() {
    source = new EventSource("events?lang=" + lang + "&device=" + encodeURIComponent(device));
    source.addEventListener("state", function (e) { show(JSON.parse(e.data)); });
    source.addEventListener("closed", closed);
    source.onerror = function () {
      if (ended) return;
      if (source.readyState === 2) { source.close(); setTimeout(join, waitMs); }  // refused: join again
      say(status, S.room_reconnecting);
    };
  }

  function closed() {
    ended = true;
    if (source) source.close();
    form.hidden = true;
    say(status, S.room_closed);
  }

  // --- showing the question ----------------------------------------------------------------
  function choice(name, id, type, value, label) {
    var row = el("div", { "class": "mq-option" });
    row.appendChild(el("input", { type: type, name: name, id: id, value: value }));
    row.appendChild(el("label", { "for": id }, label));
    return row;
  }

  function render(q) {
    box.textContent = "";
    var set = el("fieldset"), legend = el("legend", {}, q.text);
    set.appendChild(legend);
    q.parts.forEach(function (part, p) {
      var id = "r" + shown + "-" + p;
      if (part.hint) set.appendChild(el("p", { "class": "mq-hint" }, part.hint));
      if (part.pick === "select") {
        var row = el("div", { "class": "room-pair" });
        row.appendChild(el("label", { "for": id }, part.label));
        var select = el("select", { id: id, "data-part": part.key });
        select.appendChild(el("option", { value: "" }, S.choose_meaning));
        part.choices.forEach(function (c) { select.appendChild(el("option", { value: c[0] }, c[1])); });
        row.appendChild(select);
        set.appendChild(row);
        return;
      }
      var group = set;
      if (part.key) {
        group = el("fieldset", { "class": "mq-part", "data-part": part.key });
        group.appendChild(el("legend", {}, part.label));
        set.appendChild(group);
      }
      part.choices.forEach(function (c, i) {
        group.appendChild(choice(id, id + "-" + i, part.pick === "many" ? "checkbox" : "radio", c[0], c[1]));
      });
    });
    box.appendChild(set);
  }

  function read(q) {  // the answer in the shape book/room.py checks; null when incomplete
    var parts = {}, complete = true;
    q.parts.forEach(function (part, p) {
      var id = "r" + shown + "-" + p, value;
      if (part.pick === "select") value = byId(id).value || null;
      else {
        var picked = box.querySelectorAll('input[name="' + id + '"]:checked');
        value = part.pick === "many" ? Array.prototype.map.call(picked, function (i) { return i.value; })
                                     : (picked.length ? picked[0].value : null);
        if (value && value.sort) value.sort();
      }
      if (!value || !value.length) complete = false;
      parts[part.key] = value;
    });
    if (!complete) return null;
    return q.parts.length === 1 && q.parts[0].key === "" ? parts[""] : parts;
  }

  function enable(on) {
    Array.prototype.forEach.call(form.querySelectorAll("input, select"), function (i) { i.disabled = !on; });
    send.hidden = !on;
  }

  function same(a, b) {
    if (a === null || b === null || typeof a !== "object") return a === b;
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; i++) if (!same(a[ka[i]], b[ka[i]])) return false;
    return true;
  }

  function show(state) {
    if (sending) { later = state; return; }
    result.textContent = "";
    if (state.phase === "waiting" || !state.question) {
      form.hidden = true; reveal.hidden = true;
      say(status, S.room_waiting);
      return;
    }
    if (state.round !== shown) {
      shown = state.round; question = state.question; sent = null;
      render(question);
      reveal.hidden = true;
      form.hidden = false;
      say(status, S.room_question);
    }
    enable(state.phase === "open" && sent === null);
    if (state.phase === "open") {
      if (sent !== null) say(result, S.room_sent);
      return;
    }
    say(status, S.room_answers_closed);
    if (state.phase === "revealed") showReveal(state.reveal);
  }

  function showReveal(r) {
    var lines = byId("room-lines");
    lines.textContent = "";
    r.lines.forEach(function (line) { lines.appendChild(el("li", {}, line)); });
    byId("room-explanation").textContent = r.explanation;
    byId("room-yours").textContent = sent === null ? S.room_yours_none
      : (same(sent, r.expected) ? S.room_yours_right : S.room_yours_different);
    var first = reveal.hidden;
    reveal.hidden = false;
    if (first) byId("room-reveal-title").focus();  // read out and scrolled to, once
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answer = read(question), round = shown;
    if (answer === null) {
      say(result, question.parts.length > 1 ? S.answer_all : S.choose_first);
      return;
    }
    send.disabled = sending = true;
    request("answer", { device: device, round: round, answer: answer }, function (code, body) {
      send.disabled = sending = false;
      if (code === 200 && round === shown) { sent = answer; enable(false); }
      if (later) { show(later); later = null; }
      say(result, body.message || S.room_offline);
    });
  });

  join();
})();
