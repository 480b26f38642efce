// The governors' school-wide termly report: anonymised counts by month and category. Charts by
// uPlot from its webjar when it loads; the tables hold the same numbers either way.
import { api } from '../api.js';
import { el, form, field } from '../dom.js';

async function loadUplot() {
  try {
    if (!document.querySelector('link[data-uplot]')) {
      document.head.append(el('link', { rel: 'stylesheet', href: '/vendor/uplot/uPlot.min.css', dataset: { uplot: 'yes' } }));
    }
    return (await import('/vendor/uplot/uPlot.esm.js')).default;
  } catch (e) {
    return null;
  }
}

const COLOURS = ['#1f4e99', '#b00020', '#1b5e20', '#8a4b00', '#5b2a86', '#00606b'];

function chart(uPlot, title, months, rows) {
  const figure = el('figure', { class: 'chart' }, el('figcaption', {}, title));
  if (!uPlot || !rows.length || !months.length) return figure;
  const xs = months.map((_, i) => i);
  const holder = el('div', { class: 'chart-canvas' });
  figure.append(holder);
  // eslint-disable-next-line no-new
  new uPlot({
    width: Math.max(280, Math.min(720, (document.getElementById('page')?.clientWidth || 600) - 16)),
    height: 220,
    scales: { x: { time: false, range: [-0.5, months.length - 0.5] } },
    axes: [{ values: (u, ticks) => ticks.map((t) => months[t] || ''), splits: () => xs }, { label: 'count' }],
    series: [{ label: 'month', value: (u, v) => (v == null ? '' : months[v]) },
      ...rows.map((r, i) => ({ label: r.name, stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true } }))],
  }, [xs, ...rows.map((r) => r.counts)], holder);
  return figure;
}

function counts(caption, id, months, rows) {
  return el('table', { id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), months.map((m) => el('th', { scope: 'col' }, m)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, r.name), r.counts.map((c) => el('td', {}, String(c)))))));
}

export default {
  id: 'termly',
  title: 'Termly report',
  needs: 'GET /api/termly-report',
  async render(container) {
    const uPlot = await loadUplot();
    const draw = async (from, to) => {
      const q = from && to ? `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` : '';
      const r = await api('GET', `/api/termly-report${q}`);
      const decisions = [{ name: 'Blocked', counts: r.blocked }, { name: 'Allowed', counts: r.allowed }];
      const categories = Object.entries(r.blockedByCategory).map(([name, c]) => ({ name, counts: c }));
      const incidents = [{ name: 'Report button', counts: r.incidents.button }, { name: 'Reported by staff', counts: r.incidents.staff }];
      container.replaceChildren(
        el('h1', {}, `Termly report ${r.from} to ${r.to}`),
        el('p', {}, `School-wide, ${r.classrooms} classrooms reporting. Counts only: no pupil, device or site is named.`),
        form({ id: 'term-form' }, [field('From', { name: 'from', type: 'date', value: r.from }), field('To', { name: 'to', type: 'date', value: r.to }),
          el('button', { type: 'submit' }, 'Show')], (data) => draw(data.from, data.to)),
        chart(uPlot, 'Incidents by month', r.months, incidents),
        counts('Incidents by month', 'termly-incidents', r.months, incidents),
        chart(uPlot, 'Blocked sites by category', r.months, categories),
        counts('Blocked by category', 'termly-categories', r.months, categories),
        counts('All decisions', 'termly-decisions', r.months, decisions));
    };
    await draw();
  },
};
