// Alerts from every classroom, newest first.
import { api } from '../api.js';
import { el, table, when } from '../dom.js';

export default {
  id: 'hub-alerts',
  title: 'Alerts',
  needs: 'GET /api/alerts',
  async render(container) {
    const alerts = await api('GET', '/api/alerts');
    container.replaceChildren(
      el('h1', {}, 'Alerts'),
      table([
        { head: 'When', value: (a) => when(a.raisedAt) },
        { head: 'Classroom', value: (a) => a.classroom },
        { head: 'Severity', value: (a) => a.severity },
        { head: 'Kind', value: (a) => a.kind },
        { head: 'Device', value: (a) => a.device },
        { head: 'Category', value: (a) => a.category },
        { head: 'Site', value: (a) => a.name },
        { head: 'Detail', value: (a) => a.detail },
      ], alerts, { caption: 'Newest first, every classroom', empty: 'No alerts.' }));
  },
};
