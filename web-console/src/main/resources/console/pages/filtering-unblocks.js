// The filtering page's lesson-time part: unblock a site in three clicks (Grant on a pupil's
// request prefills the form; pick who it is for; pick how long, which sends it), the unblocks in
// force with revoke, and the pupils' requests (grant or refuse with a reason). Site names in
// requests come from pupils' browsers: hostile text, only ever shown as text.
import { api } from '../api.js';
import { el, table, act, when } from '../dom.js';

const DURATIONS = [
  ['lesson', 'Rest of lesson'],
  ['hour', '1 hour'],
  ['today', 'Today'],
];

export async function unblockSections(context, profiles, defaultProfile) {
  const form = el('form', { id: 'unblock-form', novalidate: true });
  const domain = el('input', { id: 'unblock-domain', name: 'domain', required: true, autocomplete: 'off', inputmode: 'url', spellcheck: 'false' });
  const reason = el('input', { id: 'unblock-reason', name: 'reason', required: true, maxlength: 200, autocomplete: 'off' });
  const request = el('input', { type: 'hidden', name: 'request' });
  let duration = 'hour';
  const scopes = [...profiles.map((p) => [`profile:${p}`, `This class (profile ${p})`]), ['classroom', 'Whole box (every device)']];
  const scopeChoices = el('fieldset', { class: 'choices' },
    el('legend', {}, 'Who for'),
    scopes.map(([value, text]) => el('label', { class: 'choice' },
      el('input', { type: 'radio', name: 'scope', value, checked: value === `profile:${defaultProfile}` }), ' ', text)));
  form.append(
    el('h2', { id: 'unblock-title' }, 'Unblock a site'),
    el('label', {}, 'Site ', domain),
    scopeChoices,
    el('label', {}, 'Reason (a few words) ', reason),
    request,
    el('div', { class: 'choices', role: 'group', 'aria-label': 'For how long (unblocks now)' },
      DURATIONS.map(([value, text]) => el('button', {
        type: 'submit', dataset: { duration: value }, onclick: () => { duration = value; },
      }, text)))
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    act(async () => {
      if (!data.domain.trim()) throw new Error('Type the site to unblock.');
      if (!data.reason.trim()) { reason.focus(); throw new Error('Say why in a few words (the reason is required).'); }
      const made = await api('POST', '/api/allowances', { ...data, duration });
      form.reset();
      request.value = '';
      await refresh();
      context.say(`${made.domain} is unblocked until ${when(made.expiry)}.`);
    });
  });

  const activeSection = el('section', { id: 'allowances', 'aria-labelledby': 'allowances-title' });
  const requestSection = el('section', { id: 'requests', 'aria-labelledby': 'requests-title' });

  function prefill(r) {
    domain.value = r.host;
    request.value = String(r.id);
    const wanted = r.profile ? `profile:${r.profile}` : `profile:${defaultProfile}`;
    for (const radio of form.querySelectorAll('input[name=scope]')) radio.checked = radio.value === wanted;
    form.scrollIntoView({ block: 'start' });
    reason.focus();
    context.say(`Unblocking ${r.host}: say why, then choose how long.`);
  }

  async function refresh() {
    const active = await api('GET', '/api/allowances');
    activeSection.replaceChildren(
      el('h2', { id: 'allowances-title' }, 'Unblocks in force'),
      table(
        [
          { head: 'Site', value: (a) => a.domain },
          { head: 'Who for', value: (a) => (a.scope === 'classroom' ? 'whole box' : `${a.scope} ${a.scopeValue}`) },
          { head: 'Until', value: (a) => when(a.expiry) },
          { head: 'Reason', value: (a) => a.reason },
          { head: 'By', value: (a) => a.approvedBy },
          { head: '', value: (a) => el('button', { type: 'button', class: 'secondary', dataset: { allowance: a.id },
              onclick: () => act(async () => {
                await api('POST', `/api/allowances/${a.id}/revoke`, {});
                await refresh();
                context.say(`${a.domain} is blocked again.`);
              }) }, 'Revoke') },
        ],
        active,
        { empty: 'No site is unblocked now.' }
      )
    );
    const requests = await api('GET', '/api/unblock-requests');
    requestSection.replaceChildren(
      el('h2', { id: 'requests-title' }, `Requests from pupils (${requests.length})`),
      table(
        [
          { head: 'When', value: (r) => when(r.at) },
          { head: 'Site', value: (r) => r.host },
          { head: 'Kind', value: (r) => r.category || '' },
          { head: 'Device', value: (r) => r.client || '' },
          { head: 'Answer', value: (r) => {
              const why = el('input', { name: 'reason', maxlength: 200, autocomplete: 'off', id: `refuse-${r.id}` });
              return el('span', { class: 'row-actions' },
                el('button', { type: 'button', dataset: { grant: r.id }, onclick: () => prefill(r) }, 'Grant'),
                el('form', { class: 'inline-form', dataset: { refuse: r.id }, onsubmit: (event) => {
                  event.preventDefault();
                  act(async () => {
                    await api('POST', `/api/unblock-requests/${r.id}/refuse`, { reason: why.value });
                    await refresh();
                    context.say(`The request for ${r.host} is refused.`);
                  });
                } },
                el('label', { for: `refuse-${r.id}`, class: 'visually-hidden' }, `Reason for refusing ${r.host}`),
                why,
                el('button', { type: 'submit', class: 'secondary' }, 'Refuse')));
            } },
        ],
        requests,
        { empty: 'No requests waiting.' }
      )
    );
  }
  await refresh();
  return [el('section', { id: 'unblock', 'aria-labelledby': 'unblock-title' }, form), requestSection, activeSection];
}
