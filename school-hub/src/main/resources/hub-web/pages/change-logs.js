// One classroom box's change-control log as the hub holds it, with a mark where the hash chain
// does not link (a gap or a rewritten row).
import { api } from '../api.js';
import { el, table, act, when } from '../dom.js';

export default {
  id: 'change-logs',
  title: 'Change logs',
  needs: 'GET /api/classrooms',
  async render(container) {
    const boxes = await api('GET', '/api/classrooms');
    const shown = el('div', { id: 'change-log' });
    const draw = async (box) => {
      if (!box) return shown.replaceChildren();
      const log = await api('GET', `/api/change-logs/${encodeURIComponent(box)}`);
      shown.replaceChildren(
        el('h2', {}, `Change log: ${log.classroom}`),
        table([
          { head: '#', value: (r) => String(r.index ?? '') },
          { head: 'When', value: (r) => when(r.at) },
          { head: 'Who', value: (r) => r.actor },
          { head: 'Action', value: (r) => r.action },
          { head: 'What', value: (r) => r.subject },
          { head: 'Why', value: (r) => r.detail },
          { head: 'Until', value: (r) => when(r.until) },
          { head: 'Chain', value: (r) => (r.unreadable ? el('span', { class: 'chain-broken' }, 'unreadable')
            : r.linked ? 'linked' : el('span', { class: 'chain-broken' }, 'does not link')) },
        ], log.rows, { empty: 'No changes recorded.' }));
    };
    const select = el('select', { id: 'change-log-box', onchange: (e) => act(() => draw(e.target.value)) },
      el('option', { value: '' }, 'Choose a classroom'),
      boxes.map((b) => el('option', { value: b.box }, b.classroom)));
    container.replaceChildren(el('h1', {}, 'Change logs'), el('label', {}, 'Classroom ', select), shown);
  },
};
