// The filtering self-test: runs the box's own decision function for the names schools test with
// (IWF and CTIRU test names, an adult site, profanity, gambling, SafeSearch, DNS-over-HTTPS) for
// every profile, and keeps each run with its date and who ran it, as evidence for the annual review.
import { api } from '../api.js';
import { act, el, table, when } from '../dom.js';

const OUTCOME_WORDS = {
  passed: '✔ Passed',
  failed: '✖ FAILED',
  information: 'For information',
  'not-configured': 'Not configured',
};

function results(run) {
  return table(
    [
      { head: 'Check', value: (r) => r.title },
      { head: 'Profile', value: (r) => r.profile },
      { head: 'Name', value: (r) => r.name || '—' },
      { head: 'Expected', value: (r) => r.expected || '—' },
      { head: 'Result', value: (r) => el('span', { class: `outcome outcome-${r.outcome}` }, OUTCOME_WORDS[r.outcome] || r.outcome) },
      { head: 'What decided', value: (r) => r.detail },
    ],
    run.results,
    { caption: `Run of ${when(run.at)} by ${run.by}` }
  );
}

function markFailures(node) {
  for (const cell of node.querySelectorAll('.outcome-failed')) cell.closest('tr').classList.add('failed');
}

function summary(run) {
  return run.passed
    ? `Passed: ${run.checked} checks met their expectation.`
    : `FAILED: ${run.failures} of ${run.checked} checks did not block as expected.`;
}

export default {
  id: 'self-test',
  title: 'Filtering self-test',
  needs: 'GET /api/self-test',
  async render(container, context) {
    const { runs } = await api('GET', '/api/self-test');
    const latest = runs[0];
    container.append(
      el('h1', {}, 'Filtering self-test'),
      el('p', {}, 'Checks the box’s own filtering decisions for the names schools test with, for every profile. Nothing is fetched from the internet. Each run is kept with its date as evidence for the annual filtering review.'),
      context.can('POST /api/self-test')
        ? el('button', {
            type: 'button',
            id: 'run-self-test',
            onclick: () => act(async () => {
              const run = await api('POST', '/api/self-test');
              await context.reload();
              context.say(summary(run));
            }),
          }, 'Run the self-test now')
        : null
    );
    if (!latest) {
      container.append(el('p', { class: 'empty' }, 'The self-test has not been run on this box yet.'));
      return;
    }
    const latestSection = el(
      'section',
      { id: 'self-test-latest' },
      el('h2', {}, 'Latest run'),
      el('p', { id: 'self-test-summary', class: latest.passed ? 'passed' : 'failed' }, summary(latest),
        latest.clockSynchronised ? '' : ' (the box’s clock was not synchronised: the date may be wrong)'),
      results(latest)
    );
    markFailures(latestSection);
    container.append(
      latestSection,
      el('section', { id: 'self-test-history' }, el('h2', {}, 'History'),
        table(
          [
            { head: 'When', value: (r) => when(r.at) },
            { head: 'By', value: (r) => r.by },
            { head: 'Result', value: (r) => (r.passed ? '✔ Passed' : `✖ FAILED (${r.failures})`) },
            { head: 'Checks', value: (r) => String(r.checked) },
          ],
          runs
        ))
    );
  },
};
