// "I think this is a mistake" requests from pupils' block pages.
import { api } from '../api.js';
import { el, table, when } from '../dom.js';

export default {
  id: 'requests',
  title: 'Unblock requests',
  needs: 'GET /api/unblock-requests',
  async render(container) {
    const requests = await api('GET', '/api/unblock-requests');
    container.append(
      el('h1', {}, 'Unblock requests from pupils'),
      table(
        [
          { head: 'When', value: (r) => when(r.at) },
          { head: 'Site', value: (r) => r.host },
          { head: 'Kind', value: (r) => r.category },
          { head: 'Device', value: (r) => r.client },
        ],
        requests,
        { empty: 'No requests waiting.' }
      )
    );
  },
};
