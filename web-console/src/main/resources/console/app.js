// The console's pages. Text from the box (user names, log lines, site names) is only ever put
// into the page with textContent, never parsed as HTML, so hostile text stays text.
import { api, ApiError, rememberSession } from './api.js';

const VIEWS = ['setup', 'login', 'totp', 'password', 'enrol', 'home'];
const $ = (id) => document.getElementById(id);

function show(view) {
  for (const name of VIEWS) $(name).hidden = name !== view;
}

function say(text) {
  $('message').textContent = text || '';
}

function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : String(text);
  row.appendChild(td);
  return td;
}

function fill(tbody, items, columns) {
  tbody.replaceChildren();
  for (const item of items) {
    const tr = document.createElement('tr');
    for (const column of columns) cell(tr, typeof column === 'function' ? column(item) : item[column]);
    tbody.appendChild(tr);
  }
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
    default: return home(session);
  }
}

async function startEnrolment() {
  const offer = await api('POST', '/api/totp/secret');
  $('enrol-secret').textContent = offer.secret;
  show('enrol');
}

async function home(session) {
  show('home');
  const tryLoad = async (section, path, render) => {
    try {
      render(await api('GET', path));
      $(section).hidden = false;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 403) say(e.message);
      $(section).hidden = true;
    }
  };
  await tryLoad('users', '/api/users', (users) => {
    const tbody = $('users-rows');
    fill(tbody, users, ['user', 'role', (u) => (u.locked ? 'locked' : ''), (u) => (u.totp ? 'on' : 'off')]);
    users.forEach((u, i) => {
      if (!u.locked) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Unlock';
      button.dataset.user = u.user;
      button.addEventListener('click', () => act(async () => {
        await api('POST', `/api/users/${encodeURIComponent(u.user)}/unlock`);
        await home(session);
      }));
      const td = document.createElement('td');
      td.appendChild(button);
      tbody.children[i].appendChild(td);
    });
  });
  const roles = await api('GET', '/api/roles');
  const select = $('user-role');
  select.replaceChildren(...roles.map((r) => Object.assign(document.createElement('option'), { value: r, textContent: r })));
  await tryLoad('record', '/api/login-record', (events) =>
    fill($('record-rows'), events, ['at', 'user', 'kind', 'client', 'detail']));
  await tryLoad('requests', '/api/unblock-requests', (requests) =>
    fill($('requests-rows'), requests, ['at', 'host', 'category', 'client']));
}

async function act(work) {
  say('');
  try {
    await work();
  } catch (e) {
    say(e.problems && e.problems.length ? `${e.message}` : e.message);
  }
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
onSubmit('user-form', async (data, form) => {
  const created = await api('POST', '/api/users', data);
  form.reset();
  $('temporary-user').textContent = created.user;
  $('temporary-password').textContent = created.temporaryPassword;
  $('temporary').hidden = false;
  await home(await api('GET', '/api/session'));
});
$('logout').addEventListener('click', () => act(async () => {
  await api('DELETE', '/api/session');
  rememberSession(null);
  $('who').textContent = '';
  $('logout').hidden = true;
  await start();
}));

start();
