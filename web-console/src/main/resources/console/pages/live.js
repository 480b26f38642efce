// The live class view: what each device in the classroom looked up in the last minutes, newest
// first, blocked look-ups marked with a word and an icon as well as a colour. Refreshes every few
// seconds while the page is open; leaving the page stops it.
import { api } from '../api.js';
import { el } from '../dom.js';

const REFRESH_MS = 4000;

function deviceCard(device) {
  return el(
    'section',
    { class: 'live-device', dataset: { device: device.device } },
    el('h2', {}, device.name, ' ', el('span', { class: 'device-class' }, `(${device.deviceClass}, ${device.address})`)),
    device.blocked ? el('p', { class: 'blocked-count' }, `${device.blocked} blocked`) : null,
    el(
      'ul',
      { class: 'live-queries' },
      device.queries.map((q) =>
        el(
          'li',
          { class: q.blocked ? 'query blocked' : 'query', dataset: { name: q.name, outcome: q.outcome } },
          el('time', { datetime: q.time }, new Date(q.time).toLocaleTimeString()),
          ' ',
          q.blocked ? el('strong', { class: 'badge' }, '⛔ BLOCKED') : null,
          q.blocked ? ' ' : null,
          el('span', { class: 'name' }, q.name),
          ` ${q.type}`,
          q.categories.length ? ` — ${q.categories.join(', ')}` : '',
          !q.blocked && q.outcome !== 'ALLOWED' && q.outcome !== 'CACHED' ? ` (${q.outcome.toLowerCase()})` : ''
        )
      )
    )
  );
}

export default {
  id: 'live',
  title: 'Live class view',
  needs: 'GET /api/live',
  async render(container, context) {
    const status = el('p', { id: 'live-status', class: 'live-status', 'aria-live': 'polite' });
    const list = el('div', { id: 'live-devices' });
    container.append(el('h1', {}, 'Live class view'), status, list);
    let timer = null;
    let stopped = false;
    const refresh = async () => {
      try {
        const data = await api('GET', '/api/live');
        if (stopped) return;
        list.replaceChildren(
          ...(data.devices.length
            ? data.devices.map(deviceCard)
            : [el('p', { class: 'empty' }, `No look-ups in the last ${data.windowMinutes} minutes.`)])
        );
        status.textContent = `Last ${data.windowMinutes} minutes, updated ${new Date(data.at).toLocaleTimeString()}. Updates every few seconds.`;
      } catch (e) {
        if (!stopped) context.say(e.message);
      }
      if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
    };
    await refresh();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  },
};
