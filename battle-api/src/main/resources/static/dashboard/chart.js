// Equity curves with uPlot (a WebJar served by the server itself). The chart keeps its points by
// step, one series per participant plus the buy-and-hold baseline once the server sends one, and
// tells how many points each series holds in data-points (what the browser tests read).

import uPlot from 'uplot';

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
const BASELINE = 'baseline';

export class EquityChart {
  constructor(container, participants) {
    this.container = container;
    this.names = new Map(participants.map(p => [p.agent_id, p.agent_name]));
    this.order = participants.map(p => p.agent_id);
    this.steps = [];          // step numbers, ascending
    this.xs = [];             // seconds (virtual time, or wall time for live battles)
    this.values = new Map();  // series key -> array aligned with xs
    this.plot = null;
    this.pending = false;
    this.cursorIndex = null;
  }

  get lastStep() {
    return this.steps.length ? this.steps[this.steps.length - 1] : -1;
  }

  get count() {
    return this.steps.length;
  }

  /** One point per series at a step: equities {agent_id: equity}, the baseline's equity or null. */
  add(step, seconds, equities, baselineEquity) {
    if (step <= this.lastStep || !Number.isFinite(seconds)) return;
    this.steps.push(step);
    this.xs.push(seconds);
    const index = this.xs.length - 1;
    for (const [agentId, equity] of Object.entries(equities)) {
      if (!this.names.has(agentId)) this.names.set(agentId, agentId);
      if (!this.order.includes(agentId)) this.order.push(agentId);
      this.seriesOf(agentId)[index] = toNumber(equity);
    }
    if (baselineEquity !== undefined && baselineEquity !== null) this.seriesOf(BASELINE)[index] = toNumber(baselineEquity);
    this.redrawSoon();
  }

  seriesOf(key) {
    if (!this.values.has(key)) this.values.set(key, []);
    return this.values.get(key);
  }

  keys() {
    const keys = this.order.filter(k => this.values.has(k));
    return this.values.has(BASELINE) ? [...keys, BASELINE] : keys;
  }

  /** Redraws at most once a frame, however many points arrive in a burst. */
  redrawSoon() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.redraw();
    });
  }

  redraw() {
    const keys = this.keys();
    const data = [this.xs.slice(), ...keys.map(k => padded(this.values.get(k), this.xs.length))];
    const shape = keys.join('|');
    if (!this.plot || this.shape !== shape) {
      this.plot?.destroy();
      this.shape = shape;
      this.plot = new uPlot(this.options(keys), data, this.container);
    } else {
      this.plot.setData(data);
    }
    const points = {};
    keys.forEach(k => { points[k === BASELINE ? BASELINE : this.names.get(k)] = countPoints(this.values.get(k)); });
    this.container.dataset.points = JSON.stringify(points);
    this.container.dataset.steps = String(this.steps.length);
    if (this.cursorIndex !== null) this.showStep(this.cursorIndex);
  }

  options(keys) {
    return {
      width: Math.max(320, this.container.clientWidth || 800),
      height: 320,
      scales: {x: {time: true}},
      // UTC, as every time the page prints (and the candles' own clock)
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      series: [
        {label: 'time'},
        ...keys.map((k, i) => k === BASELINE
          ? {label: 'buy & hold', stroke: '#6b7280', dash: [6, 4], width: 1.5}
          : {label: this.names.get(k), stroke: COLOURS[i % COLOURS.length], width: 2}),
      ],
      axes: [{}, {label: 'equity (USDT)', size: 80}],
    };
  }

  /** Moves the chart's cursor to the index-th point (the replay scrubber). */
  showStep(index) {
    this.cursorIndex = index;
    if (!this.plot || index >= this.xs.length) return;
    this.plot.setCursor({left: this.plot.valToPos(this.xs[index], 'x'), top: 10});
  }

  destroy() {
    this.plot?.destroy();
    this.plot = null;
  }
}

function toNumber(value) {
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function padded(values, length) {
  const out = new Array(length);
  for (let i = 0; i < length; i++) out[i] = values[i] ?? null;
  return out;
}

function countPoints(values) {
  let n = 0;
  for (const v of values) if (v !== undefined && v !== null) n++;
  return n;
}
