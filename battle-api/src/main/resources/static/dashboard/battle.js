// One battle: its roster and actions, the equity curves and the ranking updated from the
// WebSocket pushes, the trade feed, the virtual clock of a historical battle, and once it has
// completed its results, the audit badge and a replay scrubber over its snapshots.

import {api} from './api.js';
import {attempt, showError} from './app.js';
import {clear, el, round, show, table, time} from './dom.js';
import {EquityChart} from './chart.js';
import {followBattle} from './socket.js';

const RUNNING = ['active', 'paused'];
const REPLAY_PAGE = 1000;       // snapshots per /replay request (the API allows up to 10,000)
const FEED_LIMIT = 200;         // trades kept in the feed
const REFRESH_MS = 1000;        // at most one /live (full metrics) request a second

export function battlePage(battleId) {
  const page = new BattlePage(battleId);
  page.load();
  return {node: page.node, leave: () => page.leave()};
}

class BattlePage {
  constructor(battleId) {
    this.id = battleId;
    this.path = `/battles/${encodeURIComponent(battleId)}`;
    this.battle = null;
    this.chart = null;
    this.snapshots = [];        // what the scrubber shows: {step, time, participants, baseline}
    this.syncing = null;
    this.syncAgain = false;
    this.refreshTimer = null;
    this.lastRefresh = 0;
    this.rows = new Map();      // agent_id -> ranking row (live)
    this.baseline = null;
    this.header = el('section', {id: 'battle-header', class: 'card'});
    this.roster = el('section', {id: 'roster', class: 'card'});
    this.clock = el('section', {id: 'clock', class: 'card', hidden: true});
    this.chartBox = el('section', {class: 'card', id: 'curves', hidden: true},
      el('h2', {}, 'Equity curves'), this.chartNode = el('div', {id: 'equity-chart', dataset: {points: '{}', steps: '0'}}));
    this.ranking = el('section', {id: 'ranking', class: 'card', hidden: true});
    this.results = el('section', {id: 'results', class: 'card', hidden: true});
    this.replay = el('section', {id: 'replay', class: 'card', hidden: true});
    this.feedList = el('ol', {id: 'trade-feed', class: 'feed'});
    this.feed = el('section', {id: 'trades', class: 'card', hidden: true}, el('h2', {}, 'Trades'),
      el('p', {class: 'muted', id: 'trade-feed-empty'}, 'Trades appear here as they happen.'), this.feedList);
    this.node = el('div', {id: 'battle', dataset: {battleId}}, el('p', {}, el('a', {href: '#/battles'}, '← all battles')),
      this.header, this.roster, this.clock, this.chartBox, this.ranking, this.feed, this.results, this.replay);
  }

  leave() {
    this.socket?.close();
    this.chart?.destroy();
    clearTimeout(this.refreshTimer);
    this.left = true;
  }

  async load() {
    await attempt(async () => {
      this.battle = await api.get(this.path);
      this.render();
      if (!this.socket && !['completed', 'cancelled'].includes(this.battle.status)) {
        this.socket = followBattle(this.id, {
          onMessage: (type, data) => this.pushed(type, data),
          onError: (error) => showError(new Error(error.message ?? 'the WebSocket refused the subscription')),
          onConnected: () => { this.node.dataset.live = 'connected'; },
          onDisconnected: () => { this.node.dataset.live = 'disconnected'; },
        });
      }
      await this.loadData();
    });
  }

  render() {
    const b = this.battle;
    this.node.dataset.status = b.status;
    const config = b.config ?? {};
    clear(this.header,
      el('h1', {}, b.name, ' ', el('span', {id: 'battle-status', class: `status status-${b.status}`}, b.status)),
      el('p', {class: 'muted', id: 'battle-summary'},
        `${b.battle_mode} · ranked by ${b.ranking_metric} · ${show(config.starting_balance)} USDT · `
        + `${(config.pairs ?? []).join(', ')} · ${config.candle_interval ?? ''}`
        + (config.duration_minutes ? ` · ${config.duration_minutes} min` : '')
        + (b.battle_mode === 'historical' ? ` · ${time(config.start_time)} → ${time(config.end_time)} · clock: ${config.clock ?? 'owner'}` : '')),
      this.actions());
    this.renderRoster();
  }

  actions() {
    const b = this.battle;
    const button = (label, id, action) => el('button', {type: 'button', id, onclick: (e) => attempt(action, e.currentTarget)}, label);
    const transition = (name) => async () => { await api.post(`${this.path}/${name}`); await this.reload(); };
    const buttons = [];
    if (['draft', 'pending'].includes(b.status)) buttons.push(button('Start', 'start', transition('start')));
    if (RUNNING.includes(b.status)) buttons.push(button('Stop', 'stop', transition('stop')));
    if (['draft', 'pending', ...RUNNING].includes(b.status)) buttons.push(button('Cancel', 'cancel', transition('cancel')));
    if (b.status === 'completed') {
      buttons.push(button('Rematch', 'rematch', async () => {
        const created = await api.post(`${this.path}/rematch`, {});
        location.hash = `#/battles/${encodeURIComponent(created.battle_id)}`;
      }));
    }
    buttons.push(button(['completed', 'cancelled'].includes(b.status) ? 'Hide' : 'Delete', 'delete', async () => {
      await api.delete(this.path);
      location.hash = '#/battles';
    }));
    return el('div', {class: 'actions'}, buttons);
  }

  renderRoster() {
    const b = this.battle;
    const running = RUNNING.includes(b.status);
    const editable = ['draft', 'pending'].includes(b.status);
    const participants = b.participants ?? [];
    const controls = (p) => {
      const act = (label, path) => el('button', {type: 'button', class: 'small', dataset: {action: label.toLowerCase()},
        onclick: (e) => attempt(async () => { await api.post(path); await this.reload(); }, e.currentTarget)}, label);
      if (running && p.status === 'active') return act('Pause', `${this.path}/pause/${encodeURIComponent(p.agent_id)}`);
      if (running && p.status === 'paused') return act('Resume', `${this.path}/resume/${encodeURIComponent(p.agent_id)}`);
      if (editable) {
        return el('button', {type: 'button', class: 'small', dataset: {action: 'remove'}, onclick: (e) => attempt(async () => {
          await api.delete(`${this.path}/participants/${encodeURIComponent(p.agent_id)}`);
          await this.reload();
        }, e.currentTarget)}, 'Remove');
      }
      return '';
    };
    clear(this.roster, el('h2', {}, `Participants (${participants.length})`),
      participants.length ? table([
        {label: 'Agent', value: p => p.agent_name},
        {label: 'Status', value: p => p.status},
        {label: 'Joined', value: p => time(p.joined_at)},
        {label: '', value: controls},
      ], participants, {id: 'participants', rowData: p => ({agentId: p.agent_id})}) : el('p', {class: 'muted'}, 'Nobody yet.'),
      editable ? this.addParticipantForm(participants) : '');
  }

  addParticipantForm(participants) {
    const select = el('select', {name: 'agent_id', id: 'add-agent'});
    attempt(async () => {
      const joined = new Set(participants.map(p => p.agent_id));
      const agents = (await api.get('/agents')).agents ?? [];
      for (const agent of agents) {
        if (agent.status !== 'archived' && !joined.has(agent.agent_id)) select.append(el('option', {value: agent.agent_id}, agent.name));
      }
    });
    const form = el('form', {id: 'add-participant', class: 'inline'}, el('label', {}, 'Add agent ', select),
      el('button', {type: 'submit'}, 'Add'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      attempt(async () => {
        await api.post(`${this.path}/participants`, {agent_id: select.value});
        await this.reload();
      }, form.querySelector('button'));
    });
    return form;
  }

  /** Reads the battle again; calls while one runs (a status push during a step) coalesce into one more. */
  reload() {
    if (this.reloading) {
      this.reloadAgain = true;
      return this.reloading;
    }
    this.reloading = (async () => {
      try {
        do {
          this.reloadAgain = false;
          if (this.left) return;
          this.battle = await api.get(this.path);
          this.render();
          await this.loadData();
        } while (this.reloadAgain);
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** What the battle's status has to show: curves and ranking while running, results once completed. */
  async loadData() {
    const b = this.battle;
    const started = RUNNING.includes(b.status) || b.status === 'completed' || (b.status === 'cancelled' && b.started_at);
    this.feed.hidden = !started;
    this.chartBox.hidden = !started;
    if (started && !this.chart) this.chart = new EquityChart(this.chartNode, b.participants ?? []);
    if (started && !this.feedSeeded) {
      this.feedSeeded = true;
      await this.seedFeed();
    }
    if (RUNNING.includes(b.status)) {
      await Promise.all([this.refreshLive(), this.sync(), this.refreshClock()]);
    } else {
      this.ranking.hidden = true;
      this.clock.hidden = b.battle_mode !== 'historical' || !started;
      if (!this.clock.hidden) this.renderClock();
      if (started) await this.sync();
      if (b.status === 'completed' && !this.completedShown) {
        // once: a status push and the last step's answer both ask for it
        this.completedShown = true;
        this.socket?.close();
        this.socket = null;
        await this.loadResults();
        await this.audit();
        this.renderScrubber();
      }
    }
  }

  // ---- the curves: /replay pages from the first snapshot not shown yet -----------------------

  sync() {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          let hasMore = true;
          while (hasMore && !this.left) {
            const page = await api.get(`${this.path}/replay?limit=${REPLAY_PAGE}&offset=${this.snapshots.length}`);
            for (const snapshot of page.snapshots ?? []) this.addSnapshot(snapshot);
            hasMore = Boolean(page.has_more) && (page.snapshots ?? []).length > 0;
            this.replay.dataset.total = String(page.total_snapshots ?? this.snapshots.length);
          }
        } while (this.syncAgain && !this.left);
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  addSnapshot(snapshot) {
    const last = this.snapshots.length ? this.snapshots[this.snapshots.length - 1].step : -1;
    if (snapshot.step <= last) return;
    const when = snapshot.virtual_time ?? snapshot.timestamp;
    const equities = {};
    for (const [agentId, p] of Object.entries(snapshot.participants ?? {})) equities[agentId] = p.equity;
    this.snapshots.push({step: snapshot.step, time: when, participants: snapshot.participants ?? {}, baseline: snapshot.baseline ?? null});
    this.chart?.add(snapshot.step, Date.parse(when) / 1000, equities, snapshot.baseline?.equity);
  }

  // ---- pushes ---------------------------------------------------------------------------------

  pushed(type, data) {
    if (this.left) return;
    if (type === 'battle:update') this.updated(data);
    else if (type === 'battle:trade') this.traded(data);
    else if (type === 'battle:status') attempt(() => this.reload());
  }

  updated(data) {
    const last = this.snapshots.length ? this.snapshots[this.snapshots.length - 1].step : 0;
    if (data.step === last + 1) {
      // the next point: drawn from the push itself; a gap (coalesced steps) is read from /replay
      const participants = {};
      for (const p of data.participants ?? []) {
        if (p.valued !== false) participants[p.agent_id] = {agent_name: p.agent_name, equity: p.equity, roi_pct: p.roi_pct, trade_count: p.trade_count};
      }
      this.addSnapshot({step: data.step, virtual_time: data.virtual_time, timestamp: data.timestamp, participants, baseline: data.baseline});
    } else if (data.step > last) {
      attempt(() => this.sync());
    }
    for (const p of data.participants ?? []) this.rows.set(p.agent_id, {...(this.rows.get(p.agent_id) ?? {}), ...p});
    if (data.baseline) this.baseline = {...(this.baseline ?? {}), ...data.baseline};
    this.renderRanking();
    this.showProgress({step: data.step, virtual_time: data.virtual_time});
    this.refreshSoon();
  }

  /** The fills made before the page was opened, from each participant's battle wallet, oldest first. */
  async seedFeed() {
    const names = new Map((this.battle.participants ?? []).map(p => [p.agent_id, p.agent_name]));
    const histories = await Promise.all([...names.keys()].map(agentId =>
      api.get(`${this.path}/trade/history?agent_id=${encodeURIComponent(agentId)}&limit=100`)
        .then(answer => (answer.trades ?? []).map(t => ({...t, agent_id: agentId, agent_name: names.get(agentId)})))
        .catch(() => [])));   // a wallet not provisioned has no history: its trades simply are not there
    histories.flat().sort((a, b) => String(a.executed_at).localeCompare(String(b.executed_at))).forEach(t => this.traded(t));
  }

  traded(trade) {
    const key = `${trade.order_id}|${trade.executed_at ?? trade.timestamp}`;
    this.seen ??= new Set();
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.feed.querySelector('#trade-feed-empty')?.remove();
    const item = el('li', {class: `trade side-${trade.side}`, dataset: {agentId: trade.agent_id, orderId: trade.order_id}},
      el('span', {class: 'who'}, trade.agent_name ?? trade.agent_id),
      ' ', el('span', {class: 'what'}, `${trade.side} ${trade.quantity} ${trade.symbol} @ ${trade.price}`),
      ' ', el('span', {class: 'muted'}, `fee ${show(trade.fee)} · step ${show(trade.step)} · ${time(trade.executed_at ?? trade.timestamp)}`),
      trade.realized_pnl !== null && trade.realized_pnl !== undefined ? el('span', {class: 'pnl'}, ` pnl ${trade.realized_pnl}`) : '',
      trade.rationale ? el('blockquote', {class: 'rationale'}, trade.rationale) : '');
    this.feedList.prepend(item);
    while (this.feedList.children.length > FEED_LIMIT) this.feedList.lastElementChild.remove();
    this.feed.dataset.count = String(Number(this.feed.dataset.count ?? 0) + 1);
  }

  /** The push carries the main numbers; /live adds every metric, at most once a second. */
  refreshSoon() {
    if (this.refreshTimer) return;
    const wait = Math.max(0, REFRESH_MS - (Date.now() - this.lastRefresh));
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (RUNNING.includes(this.battle?.status)) {
        attempt(() => Promise.all([this.refreshLive(), this.battle.battle_mode === 'historical' ? this.refreshClock() : null]));
      }
    }, wait);
  }

  async refreshLive() {
    this.lastRefresh = Date.now();
    let live;
    try {
      live = await api.get(`${this.path}/live`);
    } catch (e) {
      if (e.code === 'INVALID_STATE_TRANSITION') return;   // it just ended: the status push follows
      throw e;
    }
    this.rows = new Map((live.rankings ?? live.participants ?? []).map(r => [r.agent_id, r]));
    this.baseline = live.baseline ?? this.baseline;
    this.elapsed = live.elapsed_seconds;
    this.renderRanking();
    this.showProgress({step: live.step, virtual_time: live.virtual_time});
  }

  renderRanking() {
    const rows = [...this.rows.values()].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
    this.ranking.hidden = rows.length === 0;
    clear(this.ranking, el('h2', {}, 'Ranking'), rankingTable(rows, 'ranking-table', false), baselineLine(this.baseline));
  }

  // ---- the historical clock -------------------------------------------------------------------

  async refreshClock() {
    const b = this.battle;
    if (b.battle_mode !== 'historical') {
      this.clock.hidden = false;
      this.renderClock();
      return;
    }
    const first = (b.participants ?? [])[0];
    if (!first) return;
    const state = await api.get(`${this.path}/state?agent_id=${encodeURIComponent(first.agent_id)}`);
    this.state = state;
    this.renderClock();
  }

  /**
   * The clock's controls are built once per status (a refresh must not reset the number typed in
   * Step N, nor swap a button under the pointer); only the progress and who it waits for change.
   */
  renderClock() {
    const b = this.battle;
    this.clock.hidden = false;
    const s = this.state ?? {};
    const historical = b.battle_mode === 'historical';
    const clock = s.clock ?? b.config?.clock ?? 'owner';
    const shape = `${b.status}|${clock}`;
    if (this.clockShape !== shape) {
      this.clockShape = shape;
      const parts = [el('h2', {}, historical ? 'Virtual clock' : 'Clock'), el('p', {id: 'progress'})];
      if (historical && RUNNING.includes(b.status) && clock === 'owner') {
        const count = el('input', {id: 'step-count', type: 'number', min: 1, value: '10', class: 'short'});
        parts.push(el('div', {class: 'actions'},
          el('button', {type: 'button', id: 'step-one', onclick: (e) => attempt(() => this.step(1), e.currentTarget)}, 'Step'),
          count,
          el('button', {type: 'button', id: 'step-n', onclick: (e) => attempt(() => this.step(Number(count.value)), e.currentTarget)}, 'Step N')));
      } else if (historical && clock === 'agents' && RUNNING.includes(b.status)) {
        parts.push(el('p', {id: 'waiting-for'}));
      }
      clear(this.clock, parts);
    }
    const waiting = this.clock.querySelector('#waiting-for');
    if (waiting) {
      const names = new Map((b.participants ?? []).map(p => [p.agent_id, p.agent_name]));
      waiting.textContent = 'Waiting for: '
        + ((s.still_deciding ?? []).length ? s.still_deciding.map(id => names.get(id) ?? id).join(', ') : 'nobody')
        + (s.step_deadline ? ` · this step times out at ${time(s.step_deadline)}` : '');
    }
    this.showProgress({step: s.step, virtual_time: s.virtual_time, total_steps: s.total_steps});
  }

  /** Steps the owner's clock: N steps in requests of at most 1,000 (the API's limit per request). */
  async step(count) {
    if (!Number.isInteger(count) || count < 1) throw new Error('the number of steps must be a whole number of at least 1');
    let left = count;
    let answer = null;
    while (left > 0) {
      const steps = Math.min(left, 1000);
      answer = steps === 1 ? await api.post(`${this.path}/step`) : await api.post(`${this.path}/step/batch`, {steps});
      left -= steps;
      this.showProgress(answer);
      if (answer.is_complete) break;
    }
    await this.sync();
    if (answer?.is_complete) await this.reload();
    else this.refreshSoon();
  }

  showProgress(p) {
    if (p.total_steps !== undefined && p.total_steps !== null) this.totalSteps = p.total_steps;
    if (p.step !== undefined && p.step !== null) this.step_ = Math.max(this.step_ ?? 0, p.step);
    if (p.virtual_time && (!this.virtualTime || p.virtual_time > this.virtualTime)) this.virtualTime = p.virtual_time;
    const node = this.clock.querySelector('#progress');
    if (!node) return;
    const b = this.battle;
    if (b.battle_mode === 'historical') {
      const total = this.totalSteps;
      const pct = total ? (100 * (this.step_ ?? 0) / total).toFixed(1) : '—';
      node.dataset.step = String(this.step_ ?? 0);
      node.textContent = `step ${this.step_ ?? 0} of ${total ?? '—'} (${pct} %) · virtual time ${time(this.virtualTime)}`;
    } else {
      node.dataset.step = String(this.step_ ?? 0);
      node.textContent = `snapshot ${this.step_ ?? 0} · ${this.elapsed ?? 0} s elapsed`
        + (b.config?.duration_minutes ? ` of ${b.config.duration_minutes * 60} s` : ' (no time limit)');
    }
  }

  // ---- completed: results, audit, replay ------------------------------------------------------

  async loadResults() {
    const r = await api.get(`${this.path}/results`);
    this.results.hidden = false;
    clear(this.results, el('h2', {}, 'Results'),
      el('p', {id: 'winner'}, 'Winner: ', el('strong', {}, r.winner_agent_name ?? '—'),
        ` · completed ${time(r.completed_at)}`),
      rankingTable(r.rankings ?? [], 'results-table', true),
      baselineLine(r.baseline),
      (r.unranked ?? []).length ? el('p', {class: 'muted'}, `Unranked: ${r.unranked.map(u => u.agent_name ?? u.agent_id).join(', ')}`) : '',
      el('p', {class: 'muted digest'}, 'Rankings digest: ', el('code', {id: 'digest'}, show(r.rankings_digest))),
      this.auditBadge = el('button', {type: 'button', id: 'audit-badge', class: 'badge', onclick: () => this.audit()}, 'Audit: checking…'),
      this.auditDetail = el('p', {id: 'audit-detail', class: 'muted'}));
  }

  async audit() {
    if (!this.auditBadge) return;
    this.auditBadge.textContent = 'Audit: checking…';
    this.auditBadge.className = 'badge';
    try {
      const a = await api.get(`${this.path}/audit`);
      this.auditBadge.textContent = a.matches ? '✓ Audit: the log re-derives these results' : '✗ Audit: MISMATCH';
      this.auditBadge.className = `badge ${a.matches ? 'ok' : 'bad'}`;
      this.auditBadge.dataset.matches = String(a.matches);
      const chain = a.chain ?? {};
      this.auditDetail.textContent = `hash chain: ${chain.intact ? 'intact' : 'broken'} (${show(chain.event_count)} events)`
        + (a.fingerprint_matches === null || a.fingerprint_matches === undefined ? '' : ` · candle data: ${a.fingerprint_matches ? 'same as stored' : 'differs from the store'}`)
        + (chain.problem ? ` · ${chain.problem}` : '') + (a.fingerprint_problem ? ` · ${a.fingerprint_problem}` : '');
    } catch (e) {
      this.auditBadge.textContent = 'Audit: not available';
      this.auditBadge.className = 'badge bad';
      showError(e);
    }
  }

  renderScrubber() {
    const count = this.snapshots.length;
    this.replay.hidden = count === 0;
    if (!count) return;
    const range = el('input', {type: 'range', id: 'scrubber', min: 0, max: count - 1, value: String(count - 1), step: 1});
    const info = el('p', {id: 'scrub-info'});
    const standings = el('div', {id: 'scrub-standings'});
    let frame = null;
    const render = () => {
      frame = null;
      const index = Number(range.value);
      const s = this.snapshots[index];
      info.textContent = `snapshot ${index + 1} of ${count} · step ${s.step} · ${time(s.time)}`;
      info.dataset.step = String(s.step);
      const rows = Object.entries(s.participants).map(([agentId, p]) => ({agent_id: agentId, ...p}))
        .sort((a, b) => Number(b.equity) - Number(a.equity));
      clear(standings, table([
        {label: 'Agent', value: p => p.agent_name ?? p.agent_id},
        {label: 'Equity', class: 'num', value: p => round(p.equity), title: p => show(p.equity)},
        {label: 'ROI %', class: 'num', value: p => round(p.roi_pct, 4)},
        {label: 'Trades', class: 'num', value: p => show(p.trade_count)},
      ], rows, {id: 'scrub-table', rowData: p => ({agentId: p.agent_id})}),
      s.baseline ? el('p', {class: 'muted'}, `buy & hold: ${round(s.baseline.equity)} USDT (${round(s.baseline.roi_pct, 4)} %)`) : '');
      this.chart?.showStep(index);
    };
    // a 10,000-snapshot battle: the range moves at the display's pace, one redraw per frame
    range.addEventListener('input', () => { if (!frame) frame = requestAnimationFrame(render); });
    clear(this.replay, el('h2', {}, 'Replay'), range, info, standings);
    render();
  }
}


/** The ranking's every metric; a column appears once a row has it (statistics, clock, baseline). */
function rankingTable(rows, id, final) {
  const has = (key) => rows.some(r => r[key] !== undefined && r[key] !== null);
  const metric = (label, key, digits = 4) => has(key) || !['excess_roi_pct', 'clock', 'psr', 'dsr'].includes(key)
    ? [{label, class: 'num', value: r => round(r[key], digits), title: r => show(r[key])}] : [];
  const columns = [
    {label: '#', class: 'num', value: r => show(r.rank)},
    {label: 'Agent', value: r => r.agent_name ?? r.agent_id},
    ...(final ? [] : [{label: 'Status', value: r => show(r.status)}]),
    ...metric('Equity', final ? 'final_equity' : 'equity', 2),
    ...metric('ROI %', 'roi_pct'),
    ...metric('vs buy & hold %', 'excess_roi_pct'),
    ...metric('PnL', 'total_pnl', 2),
    {label: 'Trades', class: 'num', value: r => show(r.trade_count ?? r.total_trades)},
    ...metric('Win rate', 'win_rate'),
    ...metric('Sharpe', 'sharpe_ratio'),
    ...metric('PSR', 'psr'),
    ...metric('DSR', 'dsr'),
    ...metric('Max DD %', 'max_drawdown_pct'),
    ...(final ? metric('Profit factor', 'profit_factor') : []),
    ...(has('eliminated_at') ? [{label: 'Eliminated', value: r => time(r.eliminated_at)}] : []),
    ...(has('clock') ? [{label: 'Clock (in time / time-outs / median ms)',
      value: r => r.clock ? `${show(r.clock.steps_decided_in_time)} / ${show(r.clock.timeouts)} / ${show(r.clock.median_decision_ms)}` : '—'}] : []),
  ];
  return table(columns, rows, {id, rowData: r => ({agentId: r.agent_id, rank: String(r.rank ?? '')})});
}

function baselineLine(baseline) {
  if (!baseline) return '';
  return el('p', {class: 'muted baseline', id: 'baseline'},
    `Buy & hold baseline: ${round(baseline.equity)} USDT · ROI ${round(baseline.roi_pct, 4)} %`
    + (baseline.total_pnl !== undefined && baseline.total_pnl !== null ? ` · PnL ${round(baseline.total_pnl)}` : ''));
}
