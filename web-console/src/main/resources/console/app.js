// The console's shell: signing in (setup, password, two-factor), then the menu of pages the
// user's role may use, one page at a time by the address's #fragment. Pages live in pages/.
import { api, ApiError, rememberSession } from './api.js';
import { $, act, formData, say } from './dom.js';
import { PAGES } from './pages/index.js';

const VIEWS = ['setup', 'login', 'totp', 'password', 'enrol', 'home'];
let allowed = new Set();
let stopPage = null;

function show(view) {
  for (const name of VIEWS) $(name).hidden = name !== view;
}

async function start() {
  try {
    const session = await api('GET', '/api/session');
    return enter(session);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) return say(e.message);
  }
  rememberSession(null);
  const setup = await api('GET', '/api/setup');
  show(setup.setupNeeded ? 'setup' : 'login');
}

async function enter(session) {
  rememberSession(session);
  $('who').textContent = `${session.user} (${session.role})`;
  $('logout').hidden = false;
  switch (session.stage) {
    case 'totp': return show('totp');
    case 'password-change': return show('password');
    case 'totp-enrolment': return startEnrolment();
    default: return home();
  }
}

async function startEnrolment() {
  const offer = await api('POST', '/api/totp/secret');
  $('enrol-secret').textContent = offer.secret;
  show('enrol');
}

function visiblePages() {
  return PAGES.filter((page) => allowed.has(page.needs));
}

async function home() {
  allowed = new Set((await api('GET', '/api/permissions')).allowed);
  const nav = $('nav');
  nav.replaceChildren(
    ...visiblePages().map((page) =>
      Object.assign(document.createElement('a'), { href: `#/${page.id}`, textContent: page.title })
    )
  );
  nav.hidden = false;
  show('home');
  await showPage();
}

async function showPage() {
  if ($('home').hidden) return;
  const pages = visiblePages();
  const wanted = location.hash.replace(/^#\//, '');
  const page = pages.find((p) => p.id === wanted) || pages[0];
  for (const link of $('nav').children) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#/${page?.id}`);
  }
  if (stopPage) stopPage();
  stopPage = null;
  const container = $('page');
  container.replaceChildren();
  delete container.dataset.page;
  if (!page) {
    container.textContent = 'Your role has no pages on this box.';
    return;
  }
  const context = {
    can: (route) => allowed.has(route),
    reload: () => showPage(),
    say,
  };
  await act(async () => {
    const stop = await page.render(container, context);
    if (typeof stop === 'function') stopPage = stop;
  });
  // Tests and assistive tools can tell the page has finished rendering.
  container.dataset.page = page.id;
  document.title = `${page.title} · ClassGate`;
}

function onSubmit(id, work) {
  $(id).addEventListener('submit', (event) => {
    event.preventDefault();
    act(() => work(formData(event.target), event.target));
  });
}

onSubmit('setup-form', async (data, form) => {
  await api('POST', '/api/setup', data);
  form.reset();
  say('The administrator is created. Sign in now.');
  show('login');
});
onSubmit('login-form', async (data, form) => {
  const session = await api('POST', '/api/session', data);
  form.reset();
  await enter(session);
});
onSubmit('totp-form', async (data, form) => {
  const session = await api('POST', '/api/session/totp', data);
  form.reset();
  await enter(session);
});
onSubmit('password-form', async (data, form) => {
  const session = await api('POST', '/api/password', data);
  form.reset();
  say('Your password is changed.');
  await enter(session);
});
onSubmit('enrol-form', async (data, form) => {
  const session = await api('POST', '/api/totp', data);
  form.reset();
  await enter(session);
});
$('logout').addEventListener('click', () => act(async () => {
  await api('DELETE', '/api/session');
  rememberSession(null);
  if (stopPage) stopPage();
  stopPage = null;
  $('who').textContent = '';
  $('logout').hidden = true;
  $('nav').hidden = true;
  $('page').replaceChildren();
  await start();
}));
window.addEventListener('hashchange', () => showPage());

start();
