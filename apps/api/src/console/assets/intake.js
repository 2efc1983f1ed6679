/*
 * The window's intake form, keyboard first (收件窗口):
 * - Enter in a field moves to the next field and never submits (a scanner's trailing Enter in a
 *   `data-scan` field included); Ctrl+Enter (⌘+Enter) submits the form from anywhere in it;
 * - 读取身份证 asks the api's reader endpoint once per press and fills the person's fields;
 * - a draft of the form is kept in sessionStorage (this tab only, gone when the tab closes, so the
 *   ID numbers in it do not outlive the session) and restored after a reload; the received page
 *   clears it.
 * No inline code anywhere (the console's CSP): this file is loaded with `defer`.
 */
(function () {
  'use strict';

  var DRAFT_PREFIX = 'intake-draft:';
  /** Fields never kept in a draft: the CSRF token and the form's own idempotency key. */
  var NOT_KEPT = { _csrf: true, intakeKey: true, itemCode: true };

  function store() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null;
    }
  }

  /** The received page: the drafts are done with. */
  if (document.querySelector('[data-intake-done]')) {
    var s = store();
    if (s) {
      for (var i = s.length - 1; i >= 0; i--) {
        var k = s.key(i);
        if (k && k.indexOf(DRAFT_PREFIX) === 0) s.removeItem(k);
      }
    }
    return;
  }

  var form = document.querySelector('form[data-intake]');
  if (!form) return;
  var draftKey = DRAFT_PREFIX + form.getAttribute('data-intake');
  var status = document.getElementById('draft-status');

  /** The fields and buttons Enter walks through, in document order, skipping hidden and disabled ones. */
  function stops() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return !el.disabled && el.type !== 'hidden' && el.tabIndex >= 0 && el.offsetParent !== null;
    });
  }

  function moveNext(from) {
    var all = stops();
    var next = all[all.indexOf(from) + 1];
    if (next) next.focus();
  }

  form.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.isComposing) return;
    var el = event.target;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    // Buttons keep their own Enter (they act); every other field moves on and never submits.
    if (el.tagName === 'BUTTON' || el.tagName === 'TEXTAREA') return;
    if (el.tagName === 'INPUT' || el.tagName === 'SELECT') {
      event.preventDefault();
      moveNext(el);
    }
  });

  // ---- drafts ----------------------------------------------------------------------------------
  function values() {
    var kept = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_KEPT[el.name]) return;
      if (el.type === 'checkbox') kept[el.name] = el.checked ? 'on' : '';
      else kept[el.name] = el.value;
    });
    return kept;
  }

  function saveDraft() {
    var s = store();
    if (!s) return;
    s.setItem(draftKey, JSON.stringify(values()));
    if (status) status.textContent = '草稿已自动保存（仅本标签页，关闭即清除）';
  }

  function restoreDraft() {
    var s = store();
    var raw = s && s.getItem(draftKey);
    if (!raw) return;
    var kept;
    try {
      kept = JSON.parse(raw);
    } catch (e) {
      return;
    }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in kept)) return;
      if (el.type === 'checkbox') el.checked = kept[el.name] === 'on';
      else el.value = kept[el.name];
    });
    if (status) status.textContent = '已恢复未提交的草稿';
  }

  // ---- 原件核验 applies to a copy only -----------------------------------------------------------
  /** Each row's "checked against the original" box is open only while the row's form is a copy. */
  function syncChecks() {
    Array.prototype.forEach.call(form.querySelectorAll('select[name$=".form"]'), function (select) {
      var check = field(select.name.replace(/\.form$/, '.checked'));
      if (!check) return;
      check.disabled = select.value !== 'copy';
      if (check.disabled) check.checked = false;
    });
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  form.addEventListener('change', function (event) {
    if (event.target.tagName === 'SELECT') syncChecks();
  });

  // A refused form comes back from the server with its values: those win over an older draft.
  if (form.hasAttribute('data-refused')) saveDraft();
  else restoreDraft();
  syncChecks();
  form.addEventListener('input', saveDraft);
  form.addEventListener('change', saveDraft);

  // ---- the ID-card reader --------------------------------------------------------------------
  function fill(prefix, card) {
    var set = function (name, value) {
      var el = field(prefix + '.' + name);
      if (el) el.value = value;
    };
    if (prefix === 'applicant') set('kind', 'natural_person');
    set('name', card.name);
    set('idType', 'resident_id');
    set('idNumber', card.idNumber);
    set('nationality', '');
    saveDraft();
  }

  Array.prototype.forEach.call(form.querySelectorAll('[data-id-reader]'), function (button) {
    var prefix = button.getAttribute('data-id-reader');
    var said = form.querySelector('[data-reader-status="' + prefix + '"]');
    button.parentNode.hidden = false;
    button.addEventListener('click', function () {
      if (button.disabled) return;
      // One read per press: the button waits for the answer before it can be pressed again.
      button.disabled = true;
      if (said) said.textContent = '正在读取…';
      fetch('/console/staff/id-reader/read', {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          return res.json();
        })
        .then(function (card) {
          fill(prefix, card);
          if (said) said.textContent = '已读取：' + card.name + '（请取回证件）';
        })
        .catch(function () {
          if (said) said.textContent = '读卡失败：请将证件放稳后重试，或手工录入';
        })
        .then(function () {
          button.disabled = false;
          var next = field(prefix + '.phone') || field(prefix + '.name');
          if (next) next.focus();
        });
    });
  });
})();
