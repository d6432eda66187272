// Keeps a run page current without reloading it: polls the run's JSON while the run is not finished and moves
// each node's phase class, the run's phase and progress. Text goes in with textContent, never as HTML.
(function () {
  var page = document.querySelector('[data-run-api]');
  if (!page) { return; }
  var api = page.getAttribute('data-run-api');
  function setPhase(element, phase) {
    element.classList.forEach(function (c) { if (c.indexOf('phase-') === 0) { element.classList.remove(c); } });
    element.classList.add('phase-' + phase);
  }
  function poll() {
    fetch(api, { headers: { 'Accept': 'application/json' } }).then(function (r) { return r.json(); }).then(function (run) {
      var phase = document.getElementById('run-phase');
      if (phase) { phase.textContent = run.phase || 'Pending'; setPhase(phase, run.phase || 'Pending'); }
      var progress = document.getElementById('run-progress');
      if (progress) { progress.textContent = run.progress || ''; }
      var phases = {};
      (run.nodes || []).forEach(function (n) { phases[n.name] = n.phase; });
      document.querySelectorAll('svg.dag g.node[data-node], .dag-folded .node[data-node]').forEach(function (g) {
        setPhase(g, phases[g.getAttribute('data-node')] || 'Pending');
      });
      if (!run.finished) { setTimeout(poll, 2000); }
    }).catch(function () { setTimeout(poll, 5000); });
  }
  if (page.getAttribute('data-finished') !== 'true') { setTimeout(poll, 2000); }
})();
// Follows a node's log: lines arrive as Server-Sent Events and are appended as text.
(function () {
  var log = document.getElementById('log');
  if (!log || !log.getAttribute('data-stream')) { return; }
  var status = document.getElementById('log-status');
  var source = new EventSource(log.getAttribute('data-stream'));
  source.onmessage = function (e) { log.appendChild(document.createTextNode(e.data + '\n')); };
  source.addEventListener('status', function (e) { status.textContent = e.data; });
  var ended = false;
  source.addEventListener('end', function (e) { ended = true; status.textContent = e.data; source.close(); });
  // No automatic reconnect: it would stream the whole log again from its start.
  source.onerror = function () { source.close(); if (!ended) { status.textContent = 'disconnected: reload to follow again'; } };
})();
