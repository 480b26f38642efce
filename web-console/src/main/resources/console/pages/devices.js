// Devices: the ones waiting for a teacher (approve with a class: pick the class, one click), every
// device with its class and state (change class, block, unblock, forget), and who changed what.
// Host names come from the devices themselves (DHCP): hostile text, only ever shown as text.
import { api } from '../api.js';
import { el, table, act, when } from '../dom.js';

const STATE_WORDS = { quarantined: 'waiting', approved: 'approved', blocked: 'blocked' };

function classSelect(classes, id, label, selected) {
  return el('label', { class: 'inline' },
    el('span', { class: 'visually-hidden' }, label),
    el('select', { id, name: 'class' },
      classes.map((c) => el('option', { value: c.id, selected: c.id === selected },
        `${c.id} (${c.access}, ${c.profile})`))));
}

export default {
  id: 'devices',
  title: 'Devices',
  needs: 'GET /api/devices',
  async render(container, context) {
    const waitingSection = el('section', { id: 'devices-waiting', 'aria-labelledby': 'waiting-title' });
    const allSection = el('section', { id: 'devices-all', 'aria-labelledby': 'all-title' });
    const changesSection = el('section', { id: 'device-changes', 'aria-labelledby': 'changes-title' });
    container.append(el('h1', {}, 'Devices'), waitingSection, allSection, changesSection);

    const change = (work, done) => act(async () => {
      await work();
      await refresh();
      context.say(done);
    });
    const deviceName = (d) => d.name || d.hostname || d.mac;

    async function refresh() {
      const data = await api('GET', '/api/devices');
      const classes = data.classes;
      waitingSection.replaceChildren(
        el('h2', { id: 'waiting-title' }, `Waiting for approval (${data.waiting.length})`),
        table(
          [
            { head: 'Device', value: (d) => d.mac },
            { head: 'Name it gave', value: (d) => d.hostname || '' },
            { head: 'First seen', value: (d) => when(d.firstSeen) },
            { head: 'Approve as', value: (d) => el('span', { class: 'row-actions' },
                classSelect(classes, `class-${d.mac}`, `Class for ${d.mac}`, 'pupil-owned'),
                el('button', { type: 'button', dataset: { action: 'approve', mac: d.mac }, onclick: (event) => {
                  const chosen = event.target.parentNode.querySelector('select').value;
                  change(() => api('POST', `/api/devices/${encodeURIComponent(d.mac)}/approve`, { class: chosen }),
                    `${d.mac} is approved as ${chosen}.`);
                } }, 'Approve')) },
          ],
          data.waiting,
          { empty: 'No device is waiting.' }
        ),
        data.waiting.some((d) => d.randomised)
          ? el('p', { class: 'note' }, 'A randomised (private) address may change: ask the owner to turn it off for this network.')
          : null
      );

      const actions = (d) => {
        const path = `/api/devices/${encodeURIComponent(d.mac)}`;
        const parts = [];
        if (d.state === 'approved' && context.can('POST /api/devices/{name}/class')) {
          parts.push(classSelect(classes, `move-${d.mac}`, `New class for ${deviceName(d)}`, d.class),
            el('button', { type: 'button', dataset: { action: 'class', mac: d.mac }, onclick: (event) => {
              const chosen = event.target.parentNode.querySelector('select').value;
              change(() => api('POST', `${path}/class`, { class: chosen }), `${d.mac} is now ${chosen}.`);
            } }, 'Change class'));
        }
        if (d.state !== 'blocked' && context.can('POST /api/devices/{name}/block')) {
          parts.push(el('button', { type: 'button', class: 'danger', dataset: { action: 'block', mac: d.mac },
            onclick: () => change(() => api('POST', `${path}/block`, {}), `${d.mac} is blocked.`) }, 'Block'));
        }
        if (d.state === 'blocked' && context.can('POST /api/devices/{name}/unblock')) {
          parts.push(el('button', { type: 'button', dataset: { action: 'unblock', mac: d.mac },
            onclick: () => change(() => api('POST', `${path}/unblock`, {}), `${d.mac} is unblocked.`) }, 'Unblock'));
        }
        if (context.can('DELETE /api/devices/{name}')) {
          parts.push(el('button', { type: 'button', class: 'secondary', dataset: { action: 'forget', mac: d.mac },
            onclick: () => change(() => api('DELETE', path, {}), `${d.mac} is forgotten; seen again, it waits for a teacher.`) }, 'Forget'));
        }
        return el('span', { class: 'row-actions' }, parts);
      };
      allSection.replaceChildren(
        el('h2', { id: 'all-title' }, 'All devices'),
        table(
          [
            { head: 'Device', value: (d) => el('span', {}, deviceName(d), el('br'), el('small', {}, d.mac)) },
            { head: 'State', value: (d) => STATE_WORDS[d.state] || d.state },
            { head: 'Class', value: (d) => d.class || '' },
            { head: 'Access', value: (d) => d.access },
            { head: 'Last seen', value: (d) => when(d.lastSeen) },
            { head: 'Actions', value: actions },
          ],
          data.devices,
          { empty: 'No devices yet.' }
        )
      );
      changesSection.replaceChildren(
        el('h2', { id: 'changes-title' }, 'Recent changes'),
        table(
          [
            { head: 'When', value: (c) => when(c.at) },
            { head: 'Device', value: (c) => c.mac },
            { head: 'What', value: (c) => c.kind },
            { head: 'Detail', value: (c) => c.detail },
            { head: 'By', value: (c) => c.actor || 'the network' },
          ],
          data.changes,
          { empty: 'No changes yet.' }
        )
      );
    }
    await refresh();
  },
};
