// Reports: the governors' termly report (anonymised counts of incidents and blocked requests by
// month; charts by uPlot from its webjar, a table, print and CSV) and, for the safeguarding roles,
// the weekly monitoring report.
import { api } from '../api.js';
import { el, form, field, act } from '../dom.js';

const PALETTE = ['#0b4f6c', '#a4000f', '#2d6a2e', '#6b3fa0', '#8a5300', '#005f73', '#444444'];
const DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

function currentTerm() {
  const now = new Date();
  const month = now.getMonth() + 1;
  const start = month >= 9 ? now.getFullYear() : now.getFullYear() - 1;
  const term = month >= 9 ? 'autumn' : month <= 3 ? 'spring' : 'summer';
  return { year: `${start}-${String((start + 1) % 100).padStart(2, '0')}`, term };
}

function query(choice) {
  return `year=${encodeURIComponent(choice.year)}&term=${encodeURIComponent(choice.term)}`;
}

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

// One chart: a series per row, the term's months along the bottom. Series differ by dash pattern
// as well as colour, and the legend names them; the table below holds the same numbers.
function chart(uPlot, title, months, rows, bars) {
  const figure = el('figure', { class: 'chart' }, el('figcaption', {}, title));
  if (!uPlot || !rows.length) return figure;
  const xs = months.map((_, index) => index);
  const width = Math.max(280, Math.min(720, (document.getElementById('page')?.clientWidth || 600) - 16));
  const options = {
    width,
    height: 220,
    scales: { x: { time: false, range: [-0.5, months.length - 0.5] } },
    axes: [
      { values: (u, ticks) => ticks.map((t) => months[t] || '') , splits: () => xs },
      { label: 'count' },
    ],
    series: [
      { label: 'month', value: (u, v) => (v == null ? '' : months[v]) },
      ...rows.map((row, index) => ({
        label: row.name,
        stroke: PALETTE[index % PALETTE.length],
        fill: bars ? `${PALETTE[index % PALETTE.length]}cc` : undefined,
        dash: DASHES[index % DASHES.length],
        width: 2,
        paths: bars && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.6 / rows.length, 80], align: 0 }) : undefined,
        points: { show: true, size: 7 },
      })),
    ],
  };
  figure.append(el('div', { class: 'chart-canvas' }));
  // eslint-disable-next-line no-new
  new uPlot(options, [xs, ...rows.map((row) => row.counts)], figure.lastChild);
  return figure;
}

function countsTable(caption, months, rows, id) {
  return el('table', { id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, ''), months.map((m) => el('th', { scope: 'col' }, m)), el('th', { scope: 'col' }, 'Total'))),
    el('tbody', {}, rows.length
      ? rows.map((row) => el('tr', {},
          el('th', { scope: 'row' }, row.name),
          row.counts.map((count, index) => el('td', { dataset: { column: months[index] } }, String(count))),
          el('td', { dataset: { column: 'Total' } }, String(row.total))))
      : el('tr', {}, el('td', { colspan: months.length + 2 }, 'None in this term.'))));
}

export default {
  id: 'reports',
  title: 'Reports',
  needs: 'GET /api/reports/termly',
  async render(container, context) {
    const uPlot = await loadUplot();
    let choice = currentTerm();
    const termly = el('section', { id: 'termly', class: 'printable' });
    const drawTermly = async () => {
      const report = await api('GET', `/api/reports/termly?${query(choice)}`);
      termly.replaceChildren(
        el('h1', {}, `Governors' report: ${report.title}`),
        el('p', {}, `${report.from} to ${report.to}. Anonymised counts: no pupil, device or site is named.`),
        el('div', { class: 'no-print toolbar' },
          el('a', { id: 'termly-csv', class: 'button', href: `/api/reports/termly.csv?${query(choice)}`, download: '' }, 'Download CSV'),
          el('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print')),
        el('h2', {}, 'Incidents'),
        chart(uPlot, 'Incidents by month', report.months, report.incidents, true),
        countsTable('Incidents by month', report.months, report.incidents, 'termly-incidents'),
        el('h2', {}, 'Blocked requests'),
        chart(uPlot, 'Blocked requests by category and month', report.months, report.blocks, false),
        countsTable('Blocked requests by category and month', report.months, report.blocks, 'termly-blocks'),
        uPlot ? null : el('p', { class: 'empty' }, 'The charts could not be loaded; the tables hold the same numbers.')
      );
    };
    container.replaceChildren(
      el('div', { class: 'no-print' },
        form({ id: 'term-form', class: 'inline' }, [
          field('School year', { name: 'year', required: true, value: choice.year, pattern: '[0-9]{4}-[0-9]{2}', placeholder: '2024-25' }),
          el('label', {}, 'Term ', el('select', { name: 'term' },
            ['autumn', 'spring', 'summer'].map((t) => el('option', { value: t, selected: t === choice.term }, t[0].toUpperCase() + t.slice(1))))),
          el('button', { type: 'submit' }, 'Show'),
        ], async (data) => {
          choice = { year: data.year, term: data.term };
          await drawTermly();
        })),
      termly
    );
    await drawTermly();
    if (context.can('GET /api/reports/weekly')) {
      const weekly = el('pre', { id: 'weekly-text' });
      const drawWeekly = async (week) => {
        const report = await api('GET', `/api/reports/weekly${week ? `?week=${encodeURIComponent(week)}` : ''}`);
        weekly.textContent = report.text;
      };
      container.append(el('section', { id: 'weekly', class: 'printable' },
        el('h1', {}, 'Weekly monitoring report'),
        form({ id: 'week-form', class: 'no-print inline' }, [
          field('Any day of the week', { name: 'week', type: 'date' }),
          el('button', { type: 'submit' }, 'Show'),
        ], (data) => drawWeekly(data.week)),
        weekly));
      await act(() => drawWeekly(''));
    }
  },
};
