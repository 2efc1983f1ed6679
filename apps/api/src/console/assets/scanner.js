/*
 * Barcode-scanner input for the console's staff pages (issue 14): waybill numbers, receipt case
 * numbers. A scanner types like a keyboard, then ends with Enter (or Tab). Elsewhere that Enter
 * submitted the whole form (rero-ils#1421, snipe-it#18974), and switching Enter off broke keyboard
 * users (Librarika#197). Here, in any input carrying `data-scan`:
 *
 * - Enter never submits the form. It ends the input: when the input names a button of its own in
 *   `data-scan-action="<button id>"` (e.g. 装入包裹), that button is pressed, which does that field's
 *   action and nothing else; otherwise focus moves to the next field of the form. The same holds
 *   for a person pressing Enter there: nothing is submitted by accident.
 * - Tab that ends a scan does the same as Enter in an input with an action (a scanner set to end with
 *   Tab); a person's Tab moves on as always.
 * - Whether the input came from a scanner or from a person is told by key speed, and shown beside
 *   the field (`[data-scan-status]` inside the input's `<label>` or `.field`: 扫码录入 / 手工录入)
 *   and on the input (`data-scan-input="scanner" | "keyboard"`).
 *
 * Thresholds (SCAN_TIMING): scanners type 7–16 ms between keys, people 100–200 ms. The characters
 * typed since the last pause (PAUSE_MS, 300 ms without a key) form a burst; it is a scan when it has
 * at least MIN_CHARS (4) characters, the median gap between them is at most MAX_MEDIAN_GAP_MS
 * (40 ms: well under a person, with room for a loaded browser that delays a key now and then), and
 * the ending key came within PAUSE_MS of the last character.
 *
 * The detection (`classifyKeys`) is pure, exported for Node (unit test) when loaded as a module;
 * in a browser the file wires itself to the document (loaded with `defer`, no inline code: CSP).
 */
(function (root) {
  'use strict';

  /** The timing that tells a scanner from a person, milliseconds and characters (see above). */
  var SCAN_TIMING = Object.freeze({ MAX_MEDIAN_GAP_MS: 40, MIN_CHARS: 4, PAUSE_MS: 300 });

  /** The trailing burst of `times` (ascending key times, ms): the keys after the last pause. */
  function lastBurst(times, timing) {
    var start = times.length - 1;
    while (start > 0 && times[start] - times[start - 1] <= timing.PAUSE_MS) start--;
    return times.slice(Math.max(start, 0));
  }

  /** The median of a non-empty list of numbers. */
  function median(values) {
    var sorted = values.slice().sort(function (a, b) {
      return a - b;
    });
    var mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /**
   * Who typed the characters whose keydown times (ms, ascending) are `times`, judged when the
   * ending key (Enter or Tab) came at `endAt` (ms): 'scanner' or 'keyboard'. Pure.
   * @param {number[]} times
   * @param {number} endAt
   * @param {{MAX_MEDIAN_GAP_MS: number, MIN_CHARS: number, PAUSE_MS: number}} [timing] SCAN_TIMING
   * @returns {'scanner' | 'keyboard'}
   */
  function classifyKeys(times, endAt, timing) {
    var t = timing || SCAN_TIMING;
    if (times.length < t.MIN_CHARS) return 'keyboard';
    if (endAt - times[times.length - 1] > t.PAUSE_MS) return 'keyboard';
    var burst = lastBurst(times, t);
    if (burst.length < t.MIN_CHARS) return 'keyboard';
    var gaps = [];
    for (var i = 1; i < burst.length; i++) gaps.push(burst[i] - burst[i - 1]);
    return median(gaps) <= t.MAX_MEDIAN_GAP_MS ? 'scanner' : 'keyboard';
  }

  var api = { SCAN_TIMING: SCAN_TIMING, classifyKeys: classifyKeys };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;
  root.consoleScanner = api;

  /** What the status beside a scan field says of its last input. */
  var WORDS = { scanner: '扫码录入', keyboard: '手工录入' };

  /** Key times of each scan field's characters since its last ending key or focus. */
  var keyTimes = new WeakMap();

  function isScanField(el) {
    return el instanceof HTMLInputElement && el.hasAttribute('data-scan');
  }

  /** The field after `input` in its form that can take focus, or null. */
  function nextField(input) {
    if (!input.form) return null;
    var fields = Array.prototype.slice.call(input.form.elements);
    for (var i = fields.indexOf(input) + 1; i < fields.length; i++) {
      var f = fields[i];
      if (!f.disabled && f.type !== 'hidden' && f.tabIndex >= 0 && f.getClientRects().length) return f;
    }
    return null;
  }

  /** Says beside `input` who typed its value. */
  function showSource(input, source) {
    input.setAttribute('data-scan-input', source);
    var holder = input.closest('label, .field');
    var status = holder && holder.querySelector('[data-scan-status]');
    if (status) status.textContent = WORDS[source];
  }

  /** Ends the input of `input`: its own action (a button named by data-scan-action), else the next field. */
  function finish(input) {
    var actionId = input.getAttribute('data-scan-action');
    var action = actionId && document.getElementById(actionId);
    if (action) {
      action.click();
      return;
    }
    var next = nextField(input);
    if (next) next.focus();
  }

  document.addEventListener('focusin', function (e) {
    if (isScanField(e.target)) keyTimes.set(e.target, []);
  });

  document.addEventListener(
    'keydown',
    function (e) {
      var input = e.target;
      if (!isScanField(input) || e.isComposing) return;
      var times = keyTimes.get(input) || [];
      keyTimes.set(input, times);
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        times.push(e.timeStamp);
        return;
      }
      if (e.key !== 'Enter' && e.key !== 'Tab') return;
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) return; // Ctrl+Enter: the page's own shortcut
      var source = classifyKeys(times, e.timeStamp);
      keyTimes.set(input, []);
      if (e.key === 'Tab' && (source === 'keyboard' || e.shiftKey)) return; // a person's Tab moves on
      if (times.length) showSource(input, source);
      if (e.key === 'Tab' && !input.hasAttribute('data-scan-action')) return; // the scan's Tab moves on
      e.preventDefault();
      finish(input);
    },
    true,
  );
})(this);
