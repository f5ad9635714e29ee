// Builds elements from data without ever parsing it as HTML: everything the API returns (agent
// names, decision notes, error messages) goes in as text, so it cannot become markup or script.

/**
 * el('td', {class: 'num', dataset: {agentId: id}}, 'text', childNode, ...)
 * Attributes starting with "on" take a listener; children are strings (text nodes) or nodes.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'value') node.value = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A decimal string of the API as it came (money is exact there), or a dash. */
export function show(value) {
  return value === undefined || value === null || value === '' ? '—' : String(value);
}

/** A decimal string rounded for reading (the table cell keeps the exact value in its title). */
export function round(value, digits = 2) {
  if (value === undefined || value === null || value === '') return '—';
  const n = Number(value);
  return Number.isFinite(n) ? n.toFixed(digits) : String(value);
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** A table of rows: columns [{label, value(row) -> string|node, class}]. */
export function table(columns, rows, attributes = {}) {
  return el('table', attributes,
    el('thead', {}, el('tr', {}, columns.map(c => el('th', {class: c.class}, c.label)))),
    el('tbody', {}, rows.map(row => el('tr', rowAttributes(row, attributes),
      columns.map(c => el('td', {class: c.class, title: c.title?.(row)}, c.value(row)))))));
}

function rowAttributes(row, attributes) {
  return attributes.rowData ? {dataset: attributes.rowData(row)} : {};
}

/** Form values by input name, empty ones left out (the API then keeps its defaults). */
export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    const text = String(value).trim();
    if (text !== '') values[name] = text;
  }
  return values;
}
