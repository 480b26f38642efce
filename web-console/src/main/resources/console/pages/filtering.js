// Filtering: unblocks and the pupils' requests first (what a teacher needs in a lesson), then
// "why is this blocked?", the configured policy, and the change-control log for its reviewers.
import { api } from '../api.js';
import { el } from '../dom.js';
import { unblockSections } from './filtering-unblocks.js';
import { explainSection, policySection, changeLogSection } from './filtering-policy.js';

export default {
  id: 'filtering',
  title: 'Filtering',
  needs: 'GET /api/filtering/policy',
  async render(container, context) {
    const policy = await api('GET', '/api/filtering/policy');
    const profiles = policy.profiles.map((p) => p.name);
    container.append(el('h1', {}, 'Filtering'));
    if (context.can('POST /api/allowances')) {
      container.append(...(await unblockSections(context, profiles, policy.defaultProfile)));
    }
    container.append(explainSection(profiles, policy.defaultProfile), policySection(policy));
    if (context.can('GET /api/change-log')) container.append(await changeLogSection());
  },
};
