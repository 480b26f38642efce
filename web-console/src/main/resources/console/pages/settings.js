// Settings for administrators: the box's identity (check the console certificate's fingerprint
// against what the browser shows, and the sync key against the hub), its version, how much of the
// SD card the data uses, and the effective configuration (read-only; secrets are never shown).
import { api } from '../api.js';
import { el, table } from '../dom.js';

const LABELS = {
  consoleKeyPin: 'Console certificate key pin',
  consoleCertificateSha256: 'Console certificate SHA-256 fingerprint',
  syncKeyFingerprint: 'Sync key fingerprint',
};

function mib(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export default {
  id: 'settings',
  title: 'Settings',
  needs: 'GET /api/settings',
  async render(container) {
    const data = await api('GET', '/api/settings');
    const usage = data.dataUsage;
    container.append(
      el('h1', {}, 'Settings'),
      el('section', { id: 'settings-identity' }, el('h2', {}, 'This box'),
        el('dl', { class: 'identity' },
          el('dt', {}, 'Version'), el('dd', {}, data.version),
          Object.entries(data.identity).map(([key, value]) => [
            el('dt', {}, LABELS[key] || key),
            el('dd', {}, el('code', {}, value)),
          ]))),
      el('section', { id: 'settings-usage' }, el('h2', {}, 'Data usage'),
        el('p', {}, `${mib(usage.dataBytes)} in ${usage.dataDirectory}; ${mib(usage.freeBytes)} free of ${mib(usage.totalBytes)}.`)),
      el('section', { id: 'settings-config' }, el('h2', {}, 'Configuration in force'),
        el('p', {}, 'Read-only: change the configuration file and restart the box. Secrets are not shown.'),
        table(
          [
            { head: 'Key', value: (s) => s.key },
            { head: 'Value', value: (s) => s.value },
          ],
          data.configuration
        ))
    );
  },
};
