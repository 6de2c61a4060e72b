// grdpsim live page: builds the controls from /api/levers, asks /api/evaluate on every move
// (the newest request wins: older ones are aborted here and cancelled on the server), and
// shows P(hit), its interval, the paired difference from the scenario as written and the
// report's charts. No library, nothing from outside this server.
"use strict";

const W = JSON.parse(document.getElementById("words").textContent);
const LANG = document.documentElement.lang === "en" ? "en" : "vi";
const LOCALE = LANG === "vi" ? "vi-VN" : "en-US";
const CLIENT = (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2);
const $ = (id) => document.getElementById(id);

const fmt = (x, d) => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
const pct = (x, d) => fmt(100 * x, d) + "%";
const pts = (x, d) => (x > 0 ? "+" : x < 0 ? "−" : "±") + fmt(Math.abs(100 * x), d);

let controls = [];
let values = {};
let scenario = null;
let inflight = null;
let timer = null;
let seq = 0;

function show(c, v) {
  switch (c.unit) {
    case "share": return pct(v, 0) + " " + W.of_plan;
    case "factor": return c.kind === "toggle" ? (v ? W.on : W.off) : "× " + fmt(v, 2);
    case "money": return fmt(v, 0) + " " + W.money;
    case "probability": return pct(v, 0);
    default: return pct(v, c.step < 0.001 ? 2 : 1) + " " + W.a_year;
  }
}

function moved(c) {
  return c.kind === "toggle" ? values[c.id] === false : Math.abs(values[c.id] - c.written) > 1e-12;
}

function leversOf() {
  const out = {};
  for (const c of controls) {
    if (!moved(c)) continue;
    const v = c.kind === "toggle" ? 0 : values[c.id];
    for (const p of c.levers) out[p] = v;
  }
  return out;
}

function controlRow(c) {
  const div = document.createElement("div");
  div.className = "control";
  div.dataset.control = c.id;
  const id = "ctl-" + c.id;
  const row = document.createElement("div");
  row.className = "row";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = c.label;
  const out = document.createElement("output");
  row.append(label, out);
  const help = document.createElement("div");
  help.className = "help";
  help.textContent = c.help;
  const input = document.createElement("input");
  input.id = id;
  input.dataset.control = c.id;
  const written = document.createElement("div");
  written.className = "written";
  const note = document.createElement("span");
  const reset = document.createElement("button");
  reset.className = "reset";
  reset.type = "button";
  reset.textContent = W.reset;
  written.append(note, reset);
  const sync = () => {
    out.textContent = show(c, values[c.id]);
    div.classList.toggle("moved", moved(c));
  };
  if (c.kind === "toggle") {
    input.type = "checkbox";
    input.checked = true;
    values[c.id] = true;
    const wrap = document.createElement("div");
    wrap.className = "toggle";
    wrap.append(input);
    note.textContent = W.as_written + ": " + W.on;
    input.addEventListener("change", () => { values[c.id] = input.checked; sync(); schedule(0); });
    reset.addEventListener("click", () => { input.checked = true; values[c.id] = true; sync(); schedule(0); });
    div.append(row, help, wrap, written);
  } else {
    input.type = "range";
    input.min = Math.min(c.min, c.written);
    input.max = Math.max(c.max, c.written);
    input.step = c.step;
    input.value = c.written;
    values[c.id] = c.written;
    note.textContent = W.as_written + ": " + show(c, c.written);
    input.addEventListener("input", () => { values[c.id] = Number(input.value); sync(); schedule(120); });
    input.addEventListener("change", () => { values[c.id] = Number(input.value); sync(); schedule(0); });
    reset.addEventListener("click", () => { input.value = c.written; values[c.id] = c.written; sync(); schedule(0); });
    div.append(row, help, input, written);
  }
  sync();
  return div;
}

function buildControls(list) {
  const aside = $("controls");
  aside.replaceChildren();
  controls = list;
  values = {};
  for (const group of ["funding", "economy", "risks", "target"]) {
    const mine = list.filter((c) => c.group === group);
    if (!mine.length) continue;
    const h = document.createElement("h2");
    h.textContent = W["group_" + group];
    aside.append(h);
    for (const c of mine) aside.append(controlRow(c));
  }
}

function schedule(ms) {
  clearTimeout(timer);
  timer = setTimeout(evaluate, ms);
}

async function evaluate() {
  if (!scenario) return;
  const mine = ++seq;
  if (inflight) inflight.abort();
  inflight = new AbortController();
  const levers = leversOf();
  $("prob").dataset.state = "busy";
  $("meta").textContent = W.computing;
  try {
    const r = await fetch("/api/evaluate", {
      method: "POST",
      headers: { "content-type": "application/json", "x-client-id": CLIENT },
      body: JSON.stringify({ scenario, levers }),
      signal: inflight.signal,
    });
    const body = await r.json();
    if (mine !== seq) return;
    if (!r.ok) {
      if (r.status === 409) return; // superseded by a newer request
      throw new Error(body.error || r.statusText);
    }
    render(body, levers);
  } catch (e) {
    if (e.name === "AbortError" || mine !== seq) return;
    $("error").hidden = false;
    $("error").textContent = W.error + ": " + e.message;
    $("prob").dataset.state = "error";
  }
}

function render(b, levers) {
  $("error").hidden = true;
  const p = $("prob");
  p.textContent = pct(b.prob_hit, 1);
  p.dataset.value = String(b.prob_hit);
  p.dataset.paths = String(b.paths);
  p.dataset.seed = String(b.seed);
  p.dataset.levers = JSON.stringify(levers);
  p.dataset.state = "done";
  $("prob-label").textContent = W.prob + " " + pct(b.target, 1);
  $("ci").textContent = W.ci + " " + fmt(100 * b.prob_hit_ci95[0], 1) + "–" + pct(b.prob_hit_ci95[1], 1)
    + " · " + W.median + ": " + pct(b.cagr.p50, 2);
  const d = $("diff");
  d.replaceChildren();
  if (Object.keys(levers).length === 0) {
    d.textContent = W.no_change;
  } else {
    const s = document.createElement("span");
    s.className = b.diff_vs_base > 0 ? "up" : b.diff_vs_base < 0 ? "down" : "";
    s.textContent = pts(b.diff_vs_base, 1) + " " + W.points;
    d.append(s, " " + W.diff.toLowerCase() + " (" + pct(b.base_prob_hit, 1) + "); " + W.ci + " "
      + pts(b.diff_ci95[0], 1) + " … " + pts(b.diff_ci95[1], 1));
  }
  $("meta").textContent = fmt(b.paths, 0) + " " + W.paths + " " + W.in + " " + fmt(b.elapsed_ms / 1000, 2) + " s";
  for (const [name, svg] of Object.entries(b.charts || {})) {
    const fig = $("chart-" + name);
    if (fig) fig.querySelector(".svg").innerHTML = svg;
  }
}

async function loadScenario(name) {
  scenario = name;
  const r = await fetch("/api/levers?scenario=" + encodeURIComponent(name));
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  buildControls(body.controls);
  schedule(0);
}

async function start() {
  $("title").textContent = W.title;
  $("subtitle").textContent = W.subtitle;
  $("scenario-label").textContent = W.scenario;
  $("prob-label").textContent = W.prob;
  $("method").textContent = W.method;
  for (const [id, path, extra] of [["save", "/api/scenario-file", {}], ["report", "/api/report", { format: "html" }],
    ["workbook", "/api/report", { format: "xlsx" }]]) {
    const b = $(id);
    b.textContent = W[id];
    b.addEventListener("click", () => download(path, extra, b));
  }
  const r = await fetch("/api/scenarios");
  const body = await r.json();
  const sel = $("scenario");
  for (const s of body.scenarios) {
    const o = document.createElement("option");
    o.value = s.name;
    o.textContent = s.title + (s.uncertain ? "" : " (" + s.name + ")");
    sel.append(o);
  }
  const wanted = new URLSearchParams(location.search).get("scenario");
  const pick = body.scenarios.find((s) => s.name === wanted)
    || body.scenarios.find((s) => s.name === "hanoi-2026-2030-mc")
    || body.scenarios.find((s) => s.uncertain) || body.scenarios[0];
  if (!pick) return;
  sel.value = pick.name;
  sel.addEventListener("change", () => loadScenario(sel.value).catch(fail));
  await loadScenario(pick.name);
}

// Downloads: the what-if as a scenario file, or the report of the current settings on the
// paths and seed shown.
async function download(path, extra, button) {
  const p = $("prob");
  const body = { scenario, levers: leversOf(), ...extra };
  if (p.dataset.paths) { body.paths = Number(p.dataset.paths); body.seed = Number(p.dataset.seed); }
  if (path === "/api/scenario-file") { delete body.paths; delete body.seed; }
  button.disabled = true;
  try {
    const r = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error((await r.json()).error || r.statusText);
    const name = (r.headers.get("content-disposition") || "").match(/filename="([^"]+)"/);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await r.blob());
    a.download = name ? name[1] : "grdpsim";
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  } catch (e) {
    fail(e);
  } finally {
    button.disabled = false;
  }
}

function fail(e) {
  $("error").hidden = false;
  $("error").textContent = W.error + ": " + e.message;
}

start().catch(fail);
