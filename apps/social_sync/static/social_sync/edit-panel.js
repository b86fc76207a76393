/*
 * The "Media sosial" section of a news item's status side panel in the page editor.
 *
 * apps.news does not know about social sync, so the section is not part of NewsPage's edit
 * handler: this script (added to every editor by the insert_editor_js hook) asks the server
 * for the status fragment of the page being edited and inserts it. The server answers 404
 * for pages that are not news items and 204 when the agency has no account: nothing shown.
 */
(function () {
  'use strict';

  var script = document.currentScript;

  function pageId() {
    var form = document.getElementById('page-edit-form');
    if (!form) return null;
    var match = (form.getAttribute('action') || '').match(/\/pages\/(\d+)\/edit\//);
    return match ? match[1] : null;
  }

  function load() {
    var id = pageId();
    if (!id || !script) return;
    var url = script.dataset.socialStatusUrl.replace(/\/0\/status\/$/, '/' + id + '/status/');
    fetch(url, { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } })
      .then(function (response) {
        return response.status === 200 ? response.text() : '';
      })
      .then(function (html) {
        if (!html) return;
        var panel = document.querySelector('[data-side-panel="status"] .w-divide-y');
        var holder = document.createElement('div');
        holder.innerHTML = html; // our own server-rendered, escaped fragment
        if (panel) {
          panel.insertBefore(holder, panel.firstChild);
        } else {
          var form = document.getElementById('page-edit-form');
          form.parentNode.insertBefore(holder, form);
        }
      })
      .catch(function () {
        // The editor works without the section; a failed fetch is not worth an alert.
      });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', load);
  } else {
    load();
  }
})();
