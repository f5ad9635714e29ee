// The battles page: the owner's battles with status, mode, ranking metric and participants, and
// the form that creates one from a preset or a custom config.

import {api} from './api.js';
import {attempt} from './app.js';
import {clear, el, formValues, table, time} from './dom.js';

const METRICS = ['roi_pct', 'total_pnl', 'sharpe_ratio', 'win_rate', 'profit_factor'];
const INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d'];

export function battlesPage() {
  const list = el('section', {id: 'battles', class: 'card'}, el('p', {class: 'muted'}, 'Loading battles…'));
  const form = createForm();
  const node = el('div', {}, el('h1', {}, 'Battles'), list, form);
  attempt(() => loadList(list));
  return {node};
}

async function loadList(list) {
  const answer = await api.get('/battles?limit=200');
  const battles = answer.battles ?? [];
  clear(list, el('h2', {}, `Your battles (${answer.total ?? battles.length})`),
    battles.length === 0
      ? el('p', {class: 'muted'}, 'No battles yet: create one below.')
      : table([
        {label: 'Name', value: b => el('a', {href: `#/battles/${encodeURIComponent(b.battle_id)}`}, b.name)},
        {label: 'Status', value: b => el('span', {class: `status status-${b.status}`}, b.status)},
        {label: 'Mode', value: b => b.battle_mode},
        {label: 'Ranked by', value: b => b.ranking_metric},
        {label: 'Participants', class: 'num', value: b => String(b.participant_count ?? 0)},
        {label: 'Created', value: b => time(b.created_at)},
      ], battles, {id: 'battle-list', rowData: b => ({battleId: b.battle_id, status: b.status})}));
}

function createForm() {
  const presets = el('select', {name: 'preset', id: 'create-preset'}, el('option', {value: ''}, 'custom (no preset)'));
  attempt(async () => {
    const all = await api.get('/battles/presets');
    for (const preset of Object.values(all)) {
      presets.append(el('option', {value: preset.key}, `${preset.name} — ${preset.battle_mode}, ${preset.description ?? ''}`));
    }
  });
  const select = (name, values, empty) => el('select', {name},
    el('option', {value: ''}, empty), values.map(v => el('option', {value: v}, v)));
  const form = el('form', {id: 'create-battle', class: 'card'},
    el('h2', {}, 'New battle'),
    el('p', {class: 'muted'}, 'Pick a preset, or none for a custom battle; a field left empty keeps the preset\'s (or the mode\'s) default.'),
    el('div', {class: 'grid'},
      el('label', {}, 'Name', el('input', {name: 'name', required: true})),
      el('label', {}, 'Preset', presets),
      el('label', {}, 'Mode', select('battle_mode', ['live', 'historical'], 'preset\'s')),
      el('label', {}, 'Ranking metric', select('ranking_metric', METRICS, 'preset\'s')),
      el('label', {}, 'Starting balance (USDT)', el('input', {name: 'starting_balance', inputmode: 'decimal'})),
      el('label', {}, 'Duration (minutes)', el('input', {name: 'duration_minutes', inputmode: 'numeric'})),
      el('label', {}, 'Pairs (comma separated)', el('input', {name: 'pairs', placeholder: 'BTCUSDT, ETHUSDT'})),
      el('label', {}, 'Candle interval', select('candle_interval', INTERVALS, 'preset\'s')),
      el('label', {}, 'Start (historical, UTC)', el('input', {name: 'start_time', placeholder: '2022-11-09T00:00:00Z'})),
      el('label', {}, 'End (historical, UTC)', el('input', {name: 'end_time', placeholder: '2022-11-10T00:00:00Z'})),
      el('label', {}, 'Clock (historical)', select('clock', ['owner', 'agents'], 'owner')),
      el('label', {}, 'Step time-out (s, agents\' clock)', el('input', {name: 'step_timeout_seconds', inputmode: 'numeric'})),
      el('label', {}, 'Loss limit % (survival)', el('input', {name: 'loss_limit_pct', inputmode: 'decimal'}))),
    el('button', {type: 'submit'}, 'Create battle'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const created = await attempt(() => api.post('/battles', createBody(formValues(form))), form.querySelector('button[type=submit]'));
    if (created) location.hash = `#/battles/${encodeURIComponent(created.battle_id)}`;
  });
  return form;
}

/** The lifecycle shape of a create request (docs/battles.md "Request shapes"). */
function createBody(values) {
  const body = {name: values.name};
  for (const key of ['preset', 'battle_mode', 'ranking_metric']) if (values[key]) body[key] = values[key];
  const config = {};
  for (const key of ['starting_balance', 'candle_interval', 'start_time', 'end_time', 'clock', 'loss_limit_pct']) {
    if (values[key]) config[key] = values[key];
  }
  for (const key of ['duration_minutes', 'step_timeout_seconds']) if (values[key]) config[key] = wholeNumber(values[key]);
  if (values.pairs) config.pairs = values.pairs.split(/[\s,]+/).filter(Boolean);
  if (Object.keys(config).length) body.config = config;
  return body;
}

/** Sends a whole number as a number (the API checks it); anything else as typed, for the API to name. */
function wholeNumber(text) {
  return /^\d+$/.test(text) ? Number(text) : text;
}
