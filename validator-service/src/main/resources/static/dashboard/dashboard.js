// The validator dashboard: polls GET /api/v1/dashboard and renders heads, chart, subnets and blocks.
(function () {
  'use strict';

  const API = '../api/v1/dashboard';
  const REFRESH_MS = 5000;
  const COLORS = { optimistic: '#d97706', proven: '#15803d' };
  let chart = null;

  const $ = (id) => document.getElementById(id);

  function text(id, value) {
    $(id).textContent = value;
  }

  function cell(value, className) {
    const td = document.createElement('td');
    if (className) td.className = className;
    if (value instanceof Node) td.appendChild(value); else td.textContent = value;
    return td;
  }

  function shortHash(hex) {
    return hex.slice(0, 10) + '…' + hex.slice(-6);
  }

  function renderHeads(heads) {
    if (heads === null) {
      text('optimistic-slot', '–');
      text('proven-slot', '–');
      text('gap', '–');
      text('finalized-slot', '–');
      return;
    }
    for (const name of ['optimistic', 'proven', 'finalized']) {
      text(name + '-slot', heads[name].slot);
      text(name + '-block', 'execution block ' + heads[name].executionBlockNumber);
    }
    if (heads.latestProven.slot > heads.proven.slot) {
      // Proofs exist above a hole: say so, the gap alone would hide it.
      text('proven-block', 'execution block ' + heads.proven.executionBlockNumber
        + ' · highest proven slot ' + heads.latestProven.slot);
    }
    text('gap', heads.gapSlots);
    $('gap').parentElement.classList.toggle('zero', heads.gapSlots === 0);
  }

  function renderSubnets(subnets) {
    const rows = subnets.map((s) => {
      const tr = document.createElement('tr');
      tr.dataset.subnet = s.subnet;
      if (s.storedProofs === 0) tr.className = 'idle';
      tr.append(cell(s.subnet), cell(s.proofType === null ? '(none configured)' : s.proofType),
        cell(s.storedProofs, 'num'));
      return tr;
    });
    $('subnets').replaceChildren(...rows);
  }

  function renderBlocks(blocks, minProofs) {
    text('required-hint', '(proven = ' + minProofs + ' distinct proof type' + (minProofs === 1 ? '' : 's') + ')');
    const rows = blocks.map((b) => {
      const tr = document.createElement('tr');
      tr.dataset.slot = b.slot;
      const badge = document.createElement('span');
      badge.className = 'badge ' + (b.proven ? 'proven' : 'optimistic');
      badge.textContent = b.proven ? 'proven' : 'optimistic';
      const hash = cell(shortHash(b.executionBlockHash), 'hash');
      hash.title = b.executionBlockHash;
      tr.append(cell(b.slot, 'num'), cell(b.executionBlockNumber, 'num'), hash, cell(badge),
        cell(b.proofTypes.length === 0 ? '–' : b.proofTypes.join(', ')));
      return tr;
    });
    $('blocks').replaceChildren(...rows);
  }

  function renderChart(history) {
    const data = [
      history.map((s) => s.epochMillis / 1000),
      history.map((s) => s.optimisticSlot),
      history.map((s) => s.provenSlot),
    ];
    text('history-hint', '(' + history.length + ' samples)');
    if (chart === null) {
      const stepped = uPlot.paths.stepped({ align: 1 });
      chart = new uPlot({
        width: $('chart').clientWidth,
        height: 260,
        scales: { x: { time: true } },
        // Slots are whole numbers: no 2.5 ticks on the y axis.
        axes: [{}, { label: 'slot', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000, 100000, 1000000, 10000000] }],
        legend: { live: false },
        series: [
          {},
          { label: 'optimistic head', stroke: COLORS.optimistic, width: 2, paths: stepped },
          { label: 'proven head', stroke: COLORS.proven, width: 2, paths: stepped, fill: 'rgba(21,128,61,0.08)' },
        ],
      }, data, $('chart'));
      window.addEventListener('resize', () => chart.setSize({ width: $('chart').clientWidth, height: 260 }));
    } else {
      chart.setData(data);
    }
  }

  function status(message, isError) {
    text('status', message);
    $('status').classList.toggle('error', isError);
  }

  async function refresh() {
    try {
      const response = await fetch(API, { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const view = await response.json();
      renderHeads(view.heads);
      renderSubnets(view.proofsPerSubnet);
      renderBlocks(view.recentBlocks, view.minProofsRequired);
      renderChart(view.history);
      status(view.heads === null ? 'Waiting for the first finalized checkpoint'
        : 'Updated ' + new Date(view.generatedAt).toLocaleTimeString(), false);
    } catch (e) {
      // Keep the last numbers on screen and say they are stale.
      status('Cannot reach the validator (' + e.message + '); retrying', true);
    } finally {
      setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
})();
