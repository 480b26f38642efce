// Users and the log-in record (the seeds ask for records of user log-ins).
import { api } from '../api.js';
import { el, table, form, field, act, when } from '../dom.js';

export default {
  id: 'users',
  title: 'Users',
  needs: 'GET /api/users',
  async render(container, context) {
    const users = await api('GET', '/api/users');
    const roles = await api('GET', '/api/roles');
    const temporary = el('p', { id: 'temporary', role: 'status', 'aria-live': 'polite', hidden: true });
    const unlock = (u) =>
      u.locked
        ? el('button', { type: 'button', dataset: { user: u.user }, onclick: () => act(async () => {
            await api('POST', `/api/users/${encodeURIComponent(u.user)}/unlock`);
            await context.reload();
          }) }, 'Unlock')
        : '';
    container.append(el('section', { id: 'users' },
      el('h1', {}, 'Users'),
      table(
        [
          { head: 'User', value: (u) => u.user },
          { head: 'Role', value: (u) => u.role },
          { head: 'Locked', value: (u) => (u.locked ? 'locked' : '') },
          { head: 'Two-factor', value: (u) => (u.totp ? 'on' : 'off') },
          { head: '', value: unlock },
        ],
        users
      ),
      el('h2', {}, 'Add a user'),
      form({ id: 'user-form' }, [
        field('User name', { name: 'user', required: true }),
        el('label', {}, 'Role ', el('select', { name: 'role', id: 'user-role' },
          roles.map((r) => el('option', { value: r }, r)))),
        el('button', { type: 'submit' }, 'Add user'),
      ], async (data, formNode) => {
        const made = await api('POST', '/api/users', data);
        formNode.reset();
        temporary.replaceChildren(
          'Temporary password for ', el('strong', {}, made.user), ': ',
          el('code', { id: 'temporary-password' }, made.temporaryPassword),
          ' (they must change it when they sign in)');
        temporary.hidden = false;
      }),
      temporary
    ));
    if (context.can('GET /api/login-record')) {
      const events = await api('GET', '/api/login-record');
      container.append(el('section', { id: 'record' },
        el('h2', {}, 'Log-in record'),
        table(
          [
            { head: 'When', value: (e) => when(e.at) },
            { head: 'User', value: (e) => e.user },
            { head: 'What', value: (e) => e.kind },
            { head: 'From', value: (e) => e.client },
            { head: 'Detail', value: (e) => e.detail },
          ],
          events
        )
      ));
    }
  },
};
