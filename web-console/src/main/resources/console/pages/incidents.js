// The e-safety log: report-button presses and incidents staff log by hand (the seeds' Reporting
// Log), acknowledged in a lesson by any teacher; opened, reviewed (two reviewers), acted on and
// closed by the safeguarding roles. Every text from the box goes in as text (dom.js), never HTML.
import { api } from '../api.js';
import { el, table, form, field, act, when } from '../dom.js';

const STATUSES = [
  ['', 'All'],
  ['new', 'New'],
  ['acknowledged', 'Acknowledged'],
  ['under-review', 'Under review'],
  ['closed', 'Closed'],
];
const STATUS_WORDS = Object.fromEntries(STATUSES.filter(([v]) => v));

function status(label) {
  return el('span', { class: `status status-${label}` }, STATUS_WORDS[label] || label);
}

function source(incident) {
  if (incident.source !== 'button') return 'Logged by staff';
  const presses = incident.pressCount === 1 ? '1 press' : `${incident.pressCount} presses`;
  // Marked by a symbol and words, not colour alone.
  return el('strong', { class: 'press' }, '\u25CF Report button ', `(${presses})`);
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
  };
}

export default {
  id: 'incidents',
  title: 'Incidents',
  needs: 'GET /api/incidents',
  async render(container, context) {
    let filter = '';
    const showList = async () => {
      const incidents = await api('GET', `/api/incidents${filter ? `?status=${encodeURIComponent(filter)}` : ''}`);
      const buttons = (i) => [
        i.status === 'new' && context.can('POST /api/incidents/{name}/acknowledge')
          ? el('button', { type: 'button', dataset: { acknowledge: i.id }, onclick: () => act(async () => {
              await api('POST', `/api/incidents/${i.id}/acknowledge`);
              context.say(`Incident ${i.id} is acknowledged.`);
              await showList();
            }) }, 'Acknowledge')
          : null,
        context.can('GET /api/incidents/{name}')
          ? el('button', { type: 'button', class: 'secondary', dataset: { open: i.id },
              onclick: () => act(() => showDetail(i.id)) }, 'Open')
          : null,
      ];
      const picker = el('select', { id: 'incident-filter', onchange: (e) => { filter = e.target.value; act(showList); } },
        STATUSES.map(([value, text]) => el('option', { value, selected: value === filter }, text)));
      const now = today();
      container.replaceChildren(
        el('h1', {}, 'E-safety log'),
        el('label', {}, 'Show ', picker),
        table(
          [
            { head: 'No.', value: (i) => String(i.id) },
            { head: 'When', value: (i) => when(i.at) + (i.synchronised ? '' : ' (clock not yet set)') },
            { head: 'How', value: source },
            { head: 'Incident', value: (i) => i.description },
            { head: 'Happened', value: (i) => i.occurredAt },
            { head: 'Reported by', value: (i) => i.reportedBy },
            { head: 'Status', value: (i) => status(i.status) },
            { head: '', value: buttons },
          ],
          incidents,
          { caption: 'Newest first', empty: 'No incidents.' }
        ),
        context.can('POST /api/incidents')
          ? el('section', { id: 'log-incident' },
              el('h2', {}, 'Log an incident'),
              form({ id: 'incident-form' }, [
                field('Date', { name: 'date', type: 'date', required: true, value: now.date }),
                field('Time', { name: 'time', type: 'time', required: true, value: now.time }),
                field('Incident', { tag: 'textarea', name: 'incident', required: true, rows: 4, maxlength: 4000 }),
                field('Reported by', { name: 'reportedBy', required: true, maxlength: 120 }),
                el('button', { type: 'submit' }, 'Log the incident'),
              ], async (data, formNode) => {
                const made = await api('POST', '/api/incidents', data);
                formNode.reset();
                await showList();
                context.say(`Incident ${made.id} is logged.`);
              }))
          : null
      );
    };

    const showDetail = async (id) => {
      const d = await api('GET', `/api/incidents/${id}`);
      const i = d.incident;
      const reload = async (message) => {
        await showDetail(id);
        context.say(message);
      };
      container.replaceChildren(
        el('section', { id: 'incident-detail', class: 'printable', dataset: { incident: i.id } },
          el('div', { class: 'no-print toolbar' },
            el('button', { type: 'button', class: 'secondary', id: 'back', onclick: () => act(showList) }, 'Back to the log'),
            el('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print')),
          el('h1', {}, `Incident ${i.id}`),
          el('dl', { class: 'facts' },
            el('dt', {}, 'Recorded'), el('dd', {}, when(i.at), i.synchronised ? '' : ' (clock not yet set: time may be wrong)'),
            el('dt', {}, 'Classroom'), el('dd', {}, i.classroom),
            el('dt', {}, 'How'), el('dd', {}, source(i)),
            el('dt', {}, 'Incident'), el('dd', {}, i.description),
            el('dt', {}, 'Happened'), el('dd', {}, i.occurredAt || when(i.at)),
            el('dt', {}, 'Reported by'), el('dd', {}, i.reportedBy || (i.source === 'button' ? 'a pupil, with the report button' : '')),
            el('dt', {}, 'Status'), el('dd', { id: 'incident-status' }, status(i.status))),
          el('h2', {}, 'Action taken'),
          table(
            [
              { head: 'When', value: (e) => when(e.at) },
              { head: 'What', value: (e) => (e.status ? `Status: ${STATUS_WORDS[e.status] || e.status}` : e.actionTitle) },
              { head: 'Detail', value: (e) => e.what },
              { head: 'By whom', value: (e) => e.byWhom },
              { head: 'Signature', value: (e) => e.signature },
            ],
            d.events,
            { empty: 'Nothing yet.' }
          ),
          d.reviews.map((r) => el('section', { class: 'review' },
            el('h2', {}, 'Record of reviewing devices / internet sites'),
            el('dl', { class: 'facts' },
              el('dt', {}, 'Group'), el('dd', {}, r.group),
              el('dt', {}, 'Date'), el('dd', {}, when(r.at)),
              el('dt', {}, 'Reason for investigation'), el('dd', {}, r.reason),
              el('dt', {}, 'First reviewing person'), el('dd', {}, `${r.first.name}, ${r.first.position}`),
              el('dt', {}, 'Second reviewing person'), el('dd', {}, `${r.second.name}, ${r.second.position}`),
              el('dt', {}, 'Computer used for review'), el('dd', {}, r.reviewDevice),
              el('dt', {}, 'Conclusion and action'), el('dd', {}, r.conclusion || closing(d.events))),
            table(
              [
                { head: 'Web site or device', value: (c) => c.siteOrDevice },
                { head: 'Reason for concern', value: (c) => c.reason },
              ],
              r.concerns,
              { empty: 'No sites or devices listed.' }
            ))),
          el('h2', {}, 'Activity before the report'),
          el('p', { class: 'hint' }, 'Blocked requests are marked \u26D4 Blocked and shown in bold.'),
          snapshot(d.snapshot, i)),
        forms(d, id, reload)
      );
    };

    const forms = (d, id, reload) => {
      const i = d.incident;
      const parts = [];
      if (i.status === 'new' && context.can('POST /api/incidents/{name}/acknowledge')) {
        parts.push(el('button', { type: 'button', dataset: { acknowledge: id }, onclick: () => act(async () => {
          await api('POST', `/api/incidents/${id}/acknowledge`);
          await reload('Acknowledged.');
        }) }, 'Acknowledge'));
      }
      if (i.status === 'acknowledged' && context.can('POST /api/incidents/{name}/review')) {
        parts.push(reviewForm(id, reload));
      }
      if (i.status !== 'closed' && context.can('POST /api/incidents/{name}/actions')) {
        parts.push(el('section', {},
          el('h2', {}, 'Record an action'),
          form({ id: 'action-form' }, [
            el('label', {}, 'Action ', el('select', { name: 'action', required: true },
              d.actionChoices.map((a) => el('option', { value: a.action }, a.title)))),
            field('What was done', { tag: 'textarea', name: 'what', rows: 2, maxlength: 4000 }),
            field('Signature (type your name)', { name: 'signature', maxlength: 120 }),
            el('button', { type: 'submit' }, 'Record the action'),
          ], async (data) => {
            await api('POST', `/api/incidents/${id}/actions`, data);
            await reload('The action is recorded.');
          })));
      }
      if (i.status === 'under-review' && context.can('POST /api/incidents/{name}/close')) {
        parts.push(el('section', {},
          el('h2', {}, 'Close the incident'),
          form({ id: 'close-form' }, [
            field('Conclusion and action proposed or taken', { tag: 'textarea', name: 'conclusion', required: true, rows: 3, maxlength: 4000 }),
            field('Signature (type your name)', { name: 'signature', maxlength: 120 }),
            el('button', { type: 'submit' }, 'Close the incident'),
          ], async (data) => {
            await api('POST', `/api/incidents/${id}/close`, data);
            await reload('The incident is closed.');
          })));
      }
      return el('div', { class: 'no-print' }, parts);
    };

    await showList();
  },
};

function closing(events) {
  const closed = events.find((e) => e.status === 'closed');
  return closed ? closed.what : 'Open';
}

// The classroom's DNS activity in the minutes before the press; blocked rows are marked in words,
// with a symbol and in bold, so the mark does not depend on colour.
function snapshot(entries, incident) {
  if (incident.source !== 'button') return el('p', { class: 'empty' }, 'Logged by staff: no activity snapshot.');
  if (!entries.length) return el('p', { class: 'empty' }, 'No activity was recorded in the minutes before the press.');
  return el('table', { id: 'snapshot' },
    el('caption', {}, `${entries.length} requests, oldest first`),
    el('thead', {}, el('tr', {}, ['Time', 'Device', 'Site asked for', 'Outcome', 'Category'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, entries.map((e) => el('tr', { class: e.blocked ? 'blocked' : null },
      el('td', { dataset: { column: 'Time' } }, when(e.at)),
      el('td', { dataset: { column: 'Device' } }, e.device),
      el('td', { dataset: { column: 'Site asked for' }, class: 'name' }, e.name),
      el('td', { dataset: { column: 'Outcome' } }, e.blocked ? `\u26D4 Blocked (${e.outcome})` : e.outcome),
      el('td', { dataset: { column: 'Category' } }, e.categories.join(', '))))));
}

// The seeds' "Record of reviewing devices / internet sites": two different reviewers with their
// positions, the computer used, and each site or device with its reason for concern.
function reviewForm(id, reload) {
  const concerns = el('div', { id: 'concerns' });
  let rows = 0;
  const addConcern = () => {
    rows += 1;
    concerns.append(el('fieldset', { class: 'concern' },
      el('legend', {}, `Site or device ${rows}`),
      field('Web site address or device', { name: `site${rows}`, maxlength: 480 }),
      field('Reason for concern', { name: `reason${rows}`, maxlength: 4000 })));
  };
  addConcern();
  return el('section', {},
    el('h2', {}, 'Start the review'),
    el('p', { class: 'hint' }, 'Two different senior members of staff review together.'),
    form({ id: 'review-form' }, [
      field('Group', { name: 'group', required: true, maxlength: 120 }),
      field('Reason for investigation', { tag: 'textarea', name: 'reason', required: true, rows: 2, maxlength: 4000 }),
      field('First reviewing person', { name: 'firstName', required: true, maxlength: 120 }),
      field('Their position', { name: 'firstPosition', required: true, maxlength: 120 }),
      field('Second reviewing person', { name: 'secondName', required: true, maxlength: 120 }),
      field('Their position', { name: 'secondPosition', required: true, maxlength: 120 }),
      field('Name and location of the computer used for review', { name: 'reviewDevice', required: true, maxlength: 120 }),
      concerns,
      el('button', { type: 'button', class: 'secondary', onclick: addConcern }, 'Add another site or device'),
      el('button', { type: 'submit' }, 'Start the review'),
    ], async (data) => {
      const body = { ...data, concerns: [] };
      for (let n = 1; n <= rows; n += 1) {
        const site = (data[`site${n}`] || '').trim();
        const reason = (data[`reason${n}`] || '').trim();
        delete body[`site${n}`];
        delete body[`reason${n}`];
        if (site || reason) body.concerns.push({ siteOrDevice: site, reason });
      }
      await api('POST', `/api/incidents/${id}/review`, body);
      await reload('The review is recorded.');
    }));
}
