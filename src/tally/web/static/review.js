/* Keyboard verdicts on the review pages (Tally workspace; no outside code).
   m = match, n = no match, u = unsure on the current pair; j / k move to the next /
   previous pair; Tab reaches the current pair's note, Escape leaves it. A key
   clicks the pair's own button, so htmx (or, without it, the plain form) posts
   exactly what a mouse click would. */
(function () {
  "use strict";
  var keys = { m: "match", n: "no-match", u: "unsure" };

  function open() {
    return Array.prototype.slice.call(document.querySelectorAll("section.pair:not(.done)"));
  }

  function current() {
    var marked = document.querySelector("section.pair.current:not(.done)");
    return marked || open()[0] || null;
  }

  function focusPair(pair) {
    document.querySelectorAll("section.pair.current").forEach(function (p) {
      p.classList.remove("current");
    });
    if (pair) {
      pair.classList.add("current");
      pair.focus({ preventScroll: true });
      pair.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    var pairs = open();
    var at = pairs.indexOf(current());
    var next = pairs[Math.min(pairs.length - 1, Math.max(0, at + step))];
    focusPair(next);
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" ||
                            target.tagName === "SELECT" || target.isContentEditable);
    if (typing) {
      if (event.key === "Escape") { target.blur(); focusPair(target.closest("section.pair")); }
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = (event.key || "").toLowerCase();
    if (key === "j") { move(1); event.preventDefault(); return; }
    if (key === "k") { move(-1); event.preventDefault(); return; }
    if (!(key in keys)) { return; }
    var pair = current();
    if (!pair) { return; }
    var button = pair.querySelector('button[name="verdict"][value="' + keys[key] + '"]');
    if (button) { event.preventDefault(); button.click(); }
  });

  /* after htmx swaps a decided pair in, the next open pair becomes current */
  document.body.addEventListener("htmx:afterSwap", function () {
    focusPair(open()[0] || null);
  });

  document.addEventListener("DOMContentLoaded", function () { focusPair(open()[0] || null); });
  if (document.readyState !== "loading") { focusPair(open()[0] || null); }
})();
