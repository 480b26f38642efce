// The filtering page's reference part: "why is this blocked?" (the same explain as
// `classgate policy explain`), the configured policy (read-only, as `classgate policy show`), and
// the change-control log with its chain verification (as `classgate policy log` / `verify-log`).
import { api } from '../api.js';
import { el, table, act, when } from '../dom.js';

export function explainSection(profiles, defaultProfile) {
  const result = el('div', { id: 'explain-result', role: 'status', 'aria-live': 'polite' });
  const name = el('input', { id: 'explain-name', name: 'name', required: true, autocomplete: 'off', spellcheck: 'false' });
  const profile = el('select', { id: 'explain-profile', name: 'profile' },
    profiles.map((p) => el('option', { value: p, selected: p === defaultProfile }, p)));
  const form = el('form', { id: 'explain-form', onsubmit: (event) => {
    event.preventDefault();
    act(async () => {
      const answer = await api('POST', '/api/filtering/explain', { name: name.value, profile: profile.value });
      result.replaceChildren(
        el('p', { id: 'explain-verdict', class: answer.locked ? 'verdict locked' : answer.blocked ? 'verdict blocked' : 'verdict allowed' },
          `${answer.name} for ${answer.profile}: `,
          el('strong', {}, answer.locked ? 'locked (illegal content, never unblocked)' : answer.verdict.replaceAll('_', ' '))),
        el('pre', { id: 'explain-text' }, answer.explanation));
    });
  } },
  el('label', {}, 'Site ', name),
  el('label', {}, 'Profile ', profile),
  el('button', { type: 'submit' }, 'Explain'));
  return el('section', { id: 'explain', 'aria-labelledby': 'explain-title' },
    el('h2', { id: 'explain-title' }, 'Why is this blocked?'), form, result);
}

export function policySection(policy) {
  const list = (items) => (items.length ? items.join(', ') : 'none');
  return el('section', { id: 'policy', 'aria-labelledby': 'policy-title' },
    el('h2', { id: 'policy-title' }, 'Profiles and timetable'),
    el('p', {}, 'Locked lists (every profile; nothing can unblock them): ', list(policy.lockedLists)),
    table(
      [
        { head: 'Profile', value: (p) => (p.name === policy.defaultProfile ? `${p.name} (default)` : p.name) },
        { head: 'Blocks', value: (p) => el('ul', { class: 'plain' },
            p.blocked.map((b) => el('li', {}, `${b.period}: ${list(b.categories)}`))) },
        { head: 'SafeSearch', value: (p) => p.safeSearch },
        { head: 'Allow entries', value: (p) => list(p.allow) },
        { head: 'Deny entries', value: (p) => list(p.deny) },
      ],
      policy.profiles,
      { caption: 'What each profile blocks in each period' }
    ),
    table(
      [
        { head: 'Period', value: (p) => p.name },
        { head: 'When', value: (p) => (p.ranges.length ? p.ranges.join(', ') : 'any time in no other period') },
      ],
      policy.periods,
      { caption: `Timetable (${policy.zone})` }
    ),
    policy.problems.length
      ? el('ul', { id: 'policy-problems', class: 'problems' }, policy.problems.map((p) => el('li', {}, p)))
      : null);
}

export async function changeLogSection() {
  const log = await api('GET', '/api/change-log');
  return el('section', { id: 'change-log', 'aria-labelledby': 'log-title' },
    el('h2', { id: 'log-title' }, 'Change-control log'),
    el('p', { id: 'log-verification', class: log.intact ? 'verdict allowed' : 'verdict locked' },
      log.intact ? 'Verified: ' : 'NOT intact: ', log.verification),
    table(
      [
        { head: '#', value: (e) => String(e.id) },
        { head: 'When', value: (e) => when(e.at) },
        { head: 'Who', value: (e) => e.actor },
        { head: 'What', value: (e) => e.action },
        { head: 'Why', value: (e) => e.reason },
        { head: 'Approved by', value: (e) => e.approvedBy || '' },
        { head: 'Change', value: (e) => el('pre', { class: 'change' }, e.after ?? e.before ?? '') },
      ],
      log.entries,
      { caption: 'Newest first', empty: 'The log is empty.' }
    ));
}
