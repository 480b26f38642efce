// The dashboard: the box at a glance — health (the LED's state and every problem), filtering
// lists and their ages, the sync queue, devices online, today's blocks by category (a uPlot bar
// chart with the same numbers in a table), and incidents and alerts waiting.
import uPlot from '/vendor/uplot/uPlot.esm.js';
import { api } from '../api.js';
import { el, table, when } from '../dom.js';

const STATE_WORDS = {
  HEALTHY: 'Healthy: filtering and everything else work.',
  DEGRADED: 'Working, with warnings: filtering works, something else needs a look.',
  FAULT: 'Fault: the classroom may not be protected as set. Tell the technician.',
  STARTING: 'Starting.',
};

function useChartStyles() {
  if (document.getElementById('uplot-css')) return;
  document.head.append(el('link', { id: 'uplot-css', rel: 'stylesheet', href: '/vendor/uplot/uPlot.min.css' }));
}

function unavailable(part) {
  return part && part.unavailable ? el('p', { class: 'empty' }, `Not available: ${part.unavailable}`) : null;
}

function healthSection(health) {
  return el(
    'section',
    { id: 'dash-health', class: `health health-${health.state.toLowerCase()}` },
    el('h2', {}, 'Health'),
    el('p', { class: 'state' }, el('strong', {}, health.state), ' — ', STATE_WORDS[health.state] || ''),
    health.problems.length
      ? el('ul', {}, health.problems.map((p) => el('li', {}, `${p.severity} ${p.source}: ${p.message}`)))
      : el('p', { class: 'empty' }, 'No problems.')
  );
}

function filteringSection(filtering) {
  const section = el('section', { id: 'dash-filtering' }, el('h2', {}, 'Filtering'));
  const missing = unavailable(filtering);
  if (missing) return section.append(missing), section;
  section.append(
    el('p', {}, `${filtering.entries} blocked domains and ${filtering.lockedEntries} locked entries in force, built ${when(filtering.built)}. Last update: ${filtering.lastUpdate}.`),
    filtering.problems.length ? el('ul', { class: 'problems' }, filtering.problems.map((p) => el('li', {}, p))) : null,
    table(
      [
        { head: 'List', value: (l) => (l.locked ? `${l.list} (locked)` : l.list) },
        { head: 'State', value: (l) => l.state },
        { head: 'Entries', value: (l) => (l.entries < 0 ? '—' : String(l.entries)) },
        { head: 'Age', value: (l) => (l.ageHours == null ? 'unknown' : `${l.ageHours} h`) },
        { head: 'Last update', value: (l) => l.lastUpdate || 'file on the box' },
      ],
      filtering.lists,
      { caption: 'Lists', empty: 'No lists configured.' }
    )
  );
  return section;
}

function syncSection(sync) {
  const section = el('section', { id: 'dash-sync' }, el('h2', {}, 'Sync to the school hub'));
  section.append(
    unavailable(sync) ||
      el('p', {}, `${sync.queued} records waiting, ${sync.acknowledged} acknowledged by the hub, ${sync.dropped} dropped to save space.`)
  );
  return section;
}

function devicesSection(devices) {
  return el(
    'section',
    { id: 'dash-devices' },
    el('h2', {}, 'Devices'),
    unavailable(devices) ||
      el('p', {}, `${devices.online} online now, ${devices.waiting} waiting for approval, ${devices.registered} registered.`)
  );
}

function blocksSection(blocks) {
  const section = el('section', { id: 'dash-blocks' }, el('h2', {}, "Today's blocks by category"));
  const missing = unavailable(blocks);
  if (missing) return { section: (section.append(missing), section), draw: () => {} };
  if (!blocks.length) {
    section.append(el('p', { class: 'empty' }, 'Nothing blocked today.'));
    return { section, draw: () => {} };
  }
  const chart = el('div', { id: 'blocks-chart', class: 'chart', role: 'img', 'aria-label': 'Bar chart of blocked look-ups today by category; the table below has the same numbers.' });
  section.append(
    chart,
    table(
      [
        { head: 'Category', value: (b) => b.category },
        { head: 'Blocked', value: (b) => String(b.count) },
      ],
      blocks,
      { caption: 'Blocked look-ups today' }
    )
  );
  const draw = () => {
    const names = blocks.map((b) => b.category);
    const xs = names.map((_, i) => i);
    const counts = blocks.map((b) => b.count);
    const width = Math.max(280, Math.min(chart.clientWidth || 600, 900));
    new uPlot(
      {
        width,
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, names.length - 0.5] }, y: { range: [0, Math.max(...counts) * 1.1 + 1] } },
        axes: [
          { splits: () => xs, values: (u, splits) => splits.map((i) => names[i] ?? ''), gap: 4 },
          { label: 'Blocked' },
        ],
        series: [
          {},
          { label: 'Blocked', fill: '#0b4f6c', stroke: '#0b4f6c', width: 1, points: { show: false }, paths: uPlot.paths.bars({ size: [0.6, 80] }) },
        ],
      },
      [xs, counts],
      chart
    );
  };
  return { section, draw };
}

function waitingSection(incidents, alerts) {
  return el(
    'section',
    { id: 'dash-waiting' },
    el('h2', {}, 'Incidents and alerts'),
    el(
      'p',
      {},
      unavailable(incidents) ? 'Incidents: not available. ' : el('a', { href: '#/incidents' }, `${incidents.open} open incidents (${incidents.new} new)`),
      ' · ',
      unavailable(alerts) ? 'Alerts: not available.' : el('a', { href: '#/alerts' }, `${alerts.lastWeek} alerts in the last 7 days`)
    )
  );
}

export default {
  id: 'dashboard',
  title: 'Dashboard',
  needs: 'GET /api/dashboard',
  async render(container) {
    useChartStyles();
    const data = await api('GET', '/api/dashboard');
    const blocks = blocksSection(data.blocksToday);
    container.append(
      el('h1', {}, 'Dashboard'),
      el('div', { class: 'dashboard' },
        healthSection(data.health),
        waitingSection(data.incidents, data.alerts),
        blocks.section,
        devicesSection(data.devices),
        filteringSection(data.filtering),
        syncSection(data.sync))
    );
    blocks.draw();
  },
};
