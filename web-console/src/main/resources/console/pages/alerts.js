// Alerts for the safeguarding roles: locked-content and watched-category attempts, repeated
// blocks, report-button presses. Each is acknowledged (being acted on) or dismissed, with who.
import { api } from '../api.js';
import { el, table, act, when } from '../dom.js';

const SEVERITY_WORDS = { urgent: '\u2757 Urgent', high: '\u25B2 High', medium: '\u25CF Medium' };
const KIND_WORDS = {
  'locked-content': 'Illegal-content list',
  'safeguarding-category': 'Watched category',
  'repeated-blocks': 'Repeated blocks',
  'report-button': 'Report button',
};

export default {
  id: 'alerts',
  title: 'Alerts',
  needs: 'GET /api/alerts',
  async render(container, context) {
    let show = 'open';
    const draw = async () => {
      const alerts = await api('GET', `/api/alerts?show=${show}`);
      const handle = (a, how, words) =>
        el('button', { type: 'button', class: how === 'dismiss' ? 'secondary' : null,
          dataset: { alert: a.id, how },
          onclick: () => act(async () => {
            await api('POST', `/api/alerts/${a.id}/${how}`);
            await draw();
            context.say(`Alert ${a.id}: ${words}.`);
          }) }, how === 'dismiss' ? 'Dismiss' : 'Acknowledge');
      container.replaceChildren(
        el('h1', {}, 'Alerts'),
        el('label', {}, 'Show ', el('select', { id: 'alert-filter', onchange: (e) => { show = e.target.value; act(draw); } },
          el('option', { value: 'open', selected: show === 'open' }, 'Open alerts'),
          el('option', { value: 'all', selected: show === 'all' }, 'All alerts'))),
        table(
          [
            { head: 'Severity', value: (a) => el('span', { class: `severity severity-${a.severity}` }, SEVERITY_WORDS[a.severity] || a.severity) },
            { head: 'Kind', value: (a) => KIND_WORDS[a.kind] || a.kind },
            { head: 'Device', value: (a) => a.device },
            { head: 'Category', value: (a) => a.category },
            { head: 'Site', value: (a) => a.name },
            { head: 'When', value: (a) => when(a.at) },
            { head: 'Detail', value: (a) => a.detail },
            { head: 'Handled', value: (a) => (a.handling ? `${a.handling} by ${a.handledBy}, ${when(a.handledAt)}` : '') },
            { head: '', value: (a) => (a.handling ? '' : [
              context.can('POST /api/alerts/{name}/acknowledge') ? handle(a, 'acknowledge', 'acknowledged') : null,
              context.can('POST /api/alerts/{name}/dismiss') ? handle(a, 'dismiss', 'dismissed') : null,
            ]) },
          ],
          alerts,
          { caption: 'Newest first', empty: show === 'open' ? 'No open alerts.' : 'No alerts.' }
        )
      );
    };
    await draw();
  },
};
