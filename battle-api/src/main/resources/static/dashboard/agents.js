// The agents page: the account's agents, creating one, its risk profile, a new key (shown once)
// and the skill.md brief an LLM agent reads.

import {api} from './api.js';
import {attempt} from './app.js';
import {clear, el, formValues, show, table, time} from './dom.js';

const RISK = [
  ['max_order_size_pct', 'Max order size %'],
  ['max_position_size_pct', 'Max position size %'],
  ['daily_loss_limit_pct', 'Daily loss limit %'],
  ['max_open_orders', 'Max open orders'],
];

export function agentsPage() {
  const list = el('section', {id: 'agents', class: 'card'}, el('p', {class: 'muted'}, 'Loading agents…'));
  const secret = el('section', {id: 'new-key', class: 'card warn', hidden: true});
  const detail = el('section', {id: 'agent-detail', class: 'card', hidden: true});
  const reload = () => attempt(() => loadList(list, {secret, detail, reload}));
  const node = el('div', {}, el('h1', {}, 'Agents'), secret, list, detail, createForm(secret, reload));
  reload();
  return {node};
}

async function loadList(list, page) {
  const agents = (await api.get('/agents')).agents ?? [];
  const button = (label) => el('button', {type: 'button', class: 'small', dataset: {action: label}}, label);
  const row = (agent) => {
    const actions = el('span', {class: 'row-actions'});
    const add = (label, action) => {
      const b = button(label);
      b.addEventListener('click', () => attempt(() => action(agent), b));
      actions.append(b, ' ');
    };
    add('risk', (a) => showRisk(a, page));
    add('skill.md', (a) => showSkill(a, page));
    if (agent.status !== 'archived') {
      add('new key', async (a) => {
        const key = await api.post(`/agents/${encodeURIComponent(a.agent_id)}/regenerate-key`);
        showSecret(page.secret, a.name, key.api_key, 'The old key stopped working.');
        await page.reload();
      });
    }
    return actions;
  };
  clear(list, el('h2', {}, `Your agents (${agents.length})`), table([
    {label: 'Name', value: a => a.name},
    {label: 'Status', value: a => a.status + (a.is_default ? ' (default)' : '')},
    {label: 'Key', value: a => el('code', {}, `${show(a.api_key_prefix)}…`)},
    {label: 'Starting balance', class: 'num', value: a => show(a.starting_balance)},
    {label: 'Created', value: a => time(a.created_at)},
    {label: '', value: row},
  ], agents, {id: 'agent-list', rowData: a => ({agentId: a.agent_id})}));
}

export function showSecret(box, name, key, note) {
  box.hidden = false;
  clear(box, el('h2', {}, `API key of ${name}`),
    el('p', {}, 'Shown this once: copy it now. ', note ?? ''),
    el('code', {id: 'new-key-value', class: 'secret'}, key),
    el('button', {type: 'button', class: 'small', onclick: () => { box.hidden = true; box.replaceChildren(); }}, 'Done'));
}

function showRisk(agent, page) {
  const risk = agent.risk_config ?? {};
  const form = el('form', {id: 'risk-form'},
    el('div', {class: 'grid'}, RISK.map(([key, label]) =>
      el('label', {}, label, el('input', {name: key, value: risk[key] === null || risk[key] === undefined ? '' : String(risk[key])})))),
    el('button', {type: 'submit'}, 'Save risk profile'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(async () => {
      const values = formValues(form);
      const riskConfig = {};
      for (const [key, value] of Object.entries(values)) riskConfig[key] = /^\d+$/.test(value) ? Number(value) : value;
      await api.put(`/agents/${encodeURIComponent(agent.agent_id)}`, {risk_config: riskConfig});
      await page.reload();
      page.detail.hidden = true;
    }, form.querySelector('button'));
  });
  page.detail.hidden = false;
  clear(page.detail, el('h2', {}, `Risk profile of ${agent.name}`), form);
}

async function showSkill(agent, page) {
  const path = `/agents/${encodeURIComponent(agent.agent_id)}/skill.md`;
  const text = await api.text(path);
  const link = el('a', {href: URL.createObjectURL(new Blob([text], {type: 'text/markdown'})), download: 'skill.md'}, 'download skill.md');
  page.detail.hidden = false;
  clear(page.detail, el('h2', {}, `skill.md of ${agent.name}`), el('p', {}, link, ` (GET /api/v1${path} with the account's JWT)`),
    el('pre', {id: 'skill-md'}, text));
}

function createForm(secret, reload) {
  const form = el('form', {id: 'create-agent', class: 'card'},
    el('h2', {}, 'New agent'),
    el('div', {class: 'grid'},
      el('label', {}, 'Name', el('input', {name: 'name', required: true})),
      el('label', {}, 'Description', el('input', {name: 'description'})),
      el('label', {}, 'Starting balance (USDT)', el('input', {name: 'starting_balance', inputmode: 'decimal'})),
      RISK.map(([key, label]) => el('label', {}, label, el('input', {name: key, inputmode: 'decimal'})))),
    el('button', {type: 'submit'}, 'Create agent'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(async () => {
      const values = formValues(form);
      const body = {};
      const riskConfig = {};
      for (const [key, value] of Object.entries(values)) {
        if (RISK.some(([k]) => k === key)) riskConfig[key] = /^\d+$/.test(value) ? Number(value) : value;
        else body[key] = value;
      }
      if (Object.keys(riskConfig).length) body.risk_config = riskConfig;
      const created = await api.post('/agents', body);
      showSecret(secret, created.name, created.api_key, 'The agent trades with it (X-API-Key).');
      form.reset();
      await reload();
    }, form.querySelector('button[type=submit]'));
  });
  return form;
}
