// Every classroom box: its health from its latest HEALTH record, when it last delivered, and what
// waits behind a gap or was lost on the box when its outbox was full.
import { api } from '../api.js';
import { el, table, when } from '../dom.js';

export default {
  id: 'classrooms',
  title: 'Classrooms',
  needs: 'GET /api/classrooms',
  async render(container) {
    const rows = await api('GET', '/api/classrooms');
    const health = (r) => {
      if (!r.health) return 'No health report yet';
      const state = el('span', { class: `health-${r.health.state}` }, r.health.state);
      const problems = r.health.problems.map((p) => el('li', {}, `${p.severity}: ${p.text}`));
      return [state, ` (${when(r.health.at)}, ${r.health.devicesOnline ?? 0} devices)`,
        problems.length ? el('ul', {}, problems) : null];
    };
    container.replaceChildren(
      el('h1', {}, 'Classrooms'),
      table(
        [
          { head: 'Classroom', value: (r) => r.classroom },
          { head: 'Box', value: (r) => r.status === 'removed' ? 'removed' : 'enrolled' },
          { head: 'Health', value: health },
          { head: 'Last contact', value: (r) => (r.lastContact ? when(r.lastContact) : 'never') },
          { head: 'Waiting behind a gap', value: (r) => String(r.waiting) },
          { head: 'Lost on the box', value: (r) => String(r.lost) },
        ],
        rows,
        { caption: 'Enrolled classroom boxes', empty: 'No classroom box is enrolled yet.' }
      )
    );
  },
};
