// Enrolment administration: boxes waiting to join the school, with the code and key fingerprint
// to compare with what each box's console shows; approve by typing the code, or remove.
import { api } from '../api.js';
import { el, table, act, form, field, when } from '../dom.js';

export default {
  id: 'boxes',
  title: 'Enrolment',
  needs: 'GET /api/boxes',
  async render(container, context) {
    const boxes = await api('GET', '/api/boxes');
    const approve = (b) => form({ class: 'approve', dataset: { box: b.id } },
      [field('Code shown on the box', { name: 'code', required: true, autocomplete: 'off' }), el('button', { type: 'submit' }, 'Approve')],
      async (data) => {
        await api('POST', `/api/boxes/${encodeURIComponent(b.id)}/approve`, { code: data.code });
        await context.reload();
        context.say(`${b.classroom} is enrolled.`);
      });
    const remove = (b) => el('button', { type: 'button', class: 'secondary', dataset: { remove: b.id },
      onclick: () => act(async () => {
        await api('POST', `/api/boxes/${encodeURIComponent(b.id)}/remove`);
        await context.reload();
        context.say(`${b.classroom} is removed: everything it sends is refused.`);
      }) }, 'Remove');
    container.replaceChildren(
      el('h1', {}, 'Enrolment'),
      table([
        { head: 'Classroom', value: (b) => b.classroom },
        { head: 'Status', value: (b) => b.status },
        { head: 'Code', value: (b) => (b.code ? el('span', { class: 'box-code' }, b.code) : '') },
        { head: 'Key fingerprint', value: (b) => el('span', { class: 'box-code' }, b.fingerprint) },
        { head: 'Asked', value: (b) => when(b.requestedAt) },
        { head: 'Last contact', value: (b) => (b.lastContact ? when(b.lastContact) : 'never') },
        { head: '', value: (b) => [b.status === 'pending' ? approve(b) : null, b.status !== 'removed' ? remove(b) : null] },
      ], boxes, { caption: 'Every box that asked to join', empty: 'No box has asked to enrol.' }));
  },
};
