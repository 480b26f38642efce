// Small DOM helpers shared by the pages. Text from the box (user names, site names, device names,
// log lines) only ever goes into the page as text nodes or attribute values, never parsed as HTML,
// so hostile text stays text. Nothing here uses innerHTML.

export const $ = (id) => document.getElementById(id);

// el('button', { type: 'button', onclick: fn, class: 'x', dataset: { id: 4 } }, 'text', childNode)
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'class') node.className = value;
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A table of `rows`; each column is { head, value: (row) => text or Node }.
export function table(columns, rows, { caption, empty = 'Nothing to show.' } = {}) {
  if (!rows.length) return el('p', { class: 'empty' }, empty);
  return el(
    'table',
    {},
    caption ? el('caption', {}, caption) : null,
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.head)))),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el('tr', {}, columns.map((c) => el('td', { dataset: { column: c.head } }, c.value(row) ?? '')))
      )
    )
  );
}

export function say(text) {
  $('message').textContent = text || '';
}

export function formData(form) {
  return Object.fromEntries(new FormData(form).entries());
}

// Runs `work`, showing any refusal to the person instead of failing silently.
export async function act(work) {
  say('');
  try {
    await work();
  } catch (e) {
    say(e.message);
  }
}

// A form whose submit runs `work(data, form)` through act().
export function form(props, children, work) {
  return el(
    'form',
    {
      ...props,
      onsubmit: (event) => {
        event.preventDefault();
        act(() => work(formData(event.target), event.target));
      },
    },
    ...children
  );
}

// A labelled input: label('Site', { name: 'domain', required: true }).
export function field(text, props = {}) {
  return el('label', {}, text, ' ', el(props.tag || 'input', { ...props, tag: null }));
}

export function when(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}
