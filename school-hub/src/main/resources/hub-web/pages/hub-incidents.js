// Incidents from every classroom (each one's latest state), and one incident with its actions,
// review and the classroom's activity snapshot before the press.
import { api } from '../api.js';
import { el, table, act, when } from '../dom.js';

function detail(incident) {
  const review = incident.review;
  return el('section', { id: 'incident-detail', 'aria-label': 'Incident' },
    el('h2', {}, `Incident ${incident.id} — ${incident.classroom}`),
    el('dl', {},
      el('dt', {}, 'Status'), el('dd', {}, incident.status),
      el('dt', {}, 'How'), el('dd', {}, incident.origin === 'button' ? `Report button (${incident.pressCount} presses)` : `Reported by ${incident.reportedBy || 'staff'}`),
      el('dt', {}, 'When'), el('dd', {}, incident.occurredAtText || when(incident.occurredAt)),
      el('dt', {}, 'Description'), el('dd', {}, incident.description || '')),
    el('h3', {}, 'Actions'),
    table([
      { head: 'When', value: (a) => when(a.at) },
      { head: 'By', value: (a) => a.by },
      { head: 'Action', value: (a) => a.action },
      { head: 'Note', value: (a) => a.note },
    ], incident.actions, { empty: 'No actions yet.' }),
    review ? el('p', { class: 'review' }, `Review ${when(review.at)} by ${review.first || ''} and ${review.second || ''}: ${review.conclusion || 'open'}`) : null,
    el('h3', {}, 'Activity snapshot'),
    incident.snapshotOmitted ? el('p', {}, `${incident.snapshotOmitted} earlier entries were left out by the box.`) : null,
    table([
      { head: 'Time', value: (s) => when(s.at) },
      { head: 'Device', value: (s) => s.device },
      { head: 'Site', value: (s) => s.name },
      { head: 'Outcome', value: (s) => s.outcome },
      { head: 'Category', value: (s) => s.category },
    ], incident.snapshot, { caption: 'What the classroom asked for before the report', empty: 'No snapshot.' }));
}

export default {
  id: 'hub-incidents',
  title: 'Incidents',
  needs: 'GET /api/incidents',
  async render(container) {
    const incidents = await api('GET', '/api/incidents');
    const shown = el('div', { id: 'incident-shown' });
    const open = (i) => el('button', { type: 'button', dataset: { incident: i.key },
      onclick: () => act(async () => {
        shown.replaceChildren(detail(await api('GET', `/api/incidents/${encodeURIComponent(i.key)}`)));
      }) }, 'Open');
    container.replaceChildren(
      el('h1', {}, 'Incidents'),
      table([
        { head: 'When', value: (i) => i.occurredAtText || when(i.occurredAt) },
        { head: 'Classroom', value: (i) => i.classroom },
        { head: 'Status', value: (i) => i.status },
        { head: 'Presses', value: (i) => String(i.pressCount) },
        { head: 'Description', value: (i) => i.description },
        { head: '', value: open },
      ], incidents, { caption: 'Newest first, every classroom', empty: 'No incidents.' }),
      shown);
  },
};
