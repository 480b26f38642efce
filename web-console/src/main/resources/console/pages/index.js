// Every page of the console, in menu order. A page appears for a user when the route it `needs`
// is one their role may call (the server still decides every call). To add a page: write
// pages/<name>.js exporting { id, title, needs, render(container, context) } and list it here.
import dashboard from './dashboard.js';
import live from './live.js';
import selfTest from './self-test.js';
import settings from './settings.js';
import users from './users.js';
import devices from './devices.js';
import filtering from './filtering.js';
import incidents from './incidents.js';
import alerts from './alerts.js';
import reports from './reports.js';

export const PAGES = [
  dashboard,
  live,
  devices,
  filtering,
  incidents,
  alerts,
  reports,
  selfTest,
  users,
  settings,
];
