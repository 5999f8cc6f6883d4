// yusuan serve's page: plain script over the JSON API, nothing fetched
// from elsewhere. State lives in the address (#doc=ID&table=ID), so a
// reload comes back to the same table.
"use strict";

const $ = (s) => document.querySelector(s);
const el = (tag, attrs = {}, ...kids) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e[k] = v; else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
};
const api = (p) => "/api/documents" + p;

const state = { id: null, doc: null, manifest: null, view: null, table: null, page: 1, finding: null, cell: null };

function message(text, ok) {
  $("#messages").append(el("li", { class: ok ? "ok" : "" }, text));
}

async function json(url, opts) {
  const r = await fetch(url, opts);
  let body = null;
  try { body = await r.json(); } catch (e) { body = { error: r.statusText }; }
  return { status: r.status, body };
}

// ---- upload ----
async function upload(files) {
  if (!files.length) return;
  const fd = new FormData();
  for (const f of files) fd.append("file", f, f.name);
  $("#messages").textContent = "";
  const { status, body } = await json(api(""), { method: "POST", body: fd });
  for (const e of body.errors || []) message((e.name ? e.name + ": " : "") + e.error);
  if (status >= 400 && !(body.documents || []).length) { if (!(body.errors || []).length) message(body.error || "upload failed"); }
  for (const d of body.documents || []) message(d.name + ": " + (d.status === "ok" ? "read before" : "uploaded, reading…"), true);
  await listDocs();
  if ((body.documents || []).length) open(body.documents[0].id);
}

const drop = $("#drop");
drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); upload([...e.dataTransfer.files]); });
$("#file").addEventListener("change", (e) => { upload([...e.target.files]); e.target.value = ""; });

// ---- documents ----
async function listDocs() {
  const { body } = await json(api(""));
  const ul = $("#docs");
  ul.textContent = "";
  for (const d of body) {
    const li = el("li", { "data-id": d.id, class: d.id === state.id ? "sel" : "" }, (d.names || [])[0] || d.id.slice(0, 12), el("small", {}, d.status + (d.tables ? " · " + d.tables + " tables" : "")));
    li.onclick = () => open(d.id);
    ul.append(li);
  }
}

function go(table) {
  const h = "doc=" + state.id + (table ? "&table=" + encodeURIComponent(table) : "");
  if (location.hash.slice(1) !== h) history.replaceState(null, "", "#" + h);
}

async function open(id, table) {
  state.id = id;
  go(table);
  $("#doc").hidden = false;
  for (const li of document.querySelectorAll("#docs li")) li.classList.toggle("sel", li.dataset.id === id);
  const d = await waitRead(id);
  state.doc = d;
  for (const li of document.querySelectorAll("#messages li.ok")) li.remove(); // "reading…" is over
  $("#doc-title").textContent = (d.names || [])[0] || id;
  if (d.status !== "ok") {
    $("#progress").textContent = d.status + ": " + (d.error || "");
    $("#progress").className = "error";
    $("#panes").hidden = $("#downloads").hidden = true;
    return;
  }
  $("#panes").hidden = $("#downloads").hidden = false;
  $("#progress").className = "";
  $("#progress").textContent = "read: " + d.pages + " pages, " + d.tables + " tables" + (d.seconds ? " in " + d.seconds.toFixed(1) + " s" : "");
  const [m, v] = await Promise.all([json(api("/" + id)), json(api("/" + id + "/view"))]);
  state.manifest = m.body; state.view = v.body;
  const mm = state.manifest;
  $("#doc-meta").textContent = [mm.department, mm.year || "", mm.title, mm.input_kind + " · sha256 " + id.slice(0, 12)].filter(Boolean).join(" · ");
  $("#dl-xlsx").href = api("/" + id + "/workbook.xlsx");
  $("#dl-manifest").href = api("/" + id + "/manifest.json");
  $("#dl-zip").href = api("/" + id + "/all.zip");
  drawTables(); drawFindings(); drawCorrections();
  const t = table || (state.table && state.view.tables.some((x) => x.id === state.table) ? state.table : null);
  if (t) openTable(t); else { $("#table-pane").hidden = true; state.table = null; showPage(1); }
  listDocs();
}

// waitRead polls a document's status while it is read, showing progress.
async function waitRead(id) {
  for (;;) {
    const { status, body } = await json(api("/" + id + "/status"));
    if (status !== 200) { message(body.error); return { status: "failed", error: body.error }; }
    if (["ok", "declined", "failed"].includes(body.status)) return body;
    const secs = body.started ? ((Date.now() - Date.parse(body.started)) / 1000).toFixed(0) : 0;
    $("#progress").textContent = body.status + (body.pages ? " · " + body.pages + " pages" : "") + " · " + secs + " s";
    await new Promise((r) => setTimeout(r, 400));
  }
}

function kindLabel(t) { return t.kind + (t.part ? " (" + t.part + ")" : ""); }

// The canonical kinds (README), offered when a table's kind is changed.
const KINDS = ["fiscal_summary", "gpb_expenditure", "gpb_basic_expenditure", "three_public", "gov_fund_expenditure",
  "dept_summary", "dept_income", "dept_expenditure", "procurement", "project_expenditure", "dept_performance_form",
  "dept_performance_indicators", "project_performance_form", "project_performance_indicators", "office_operation",
  "state_capital_expenditure", "purchased_services", "units", "special_project_expenditure", "carryover_expenditure",
  "gov_fund_summary", "project_goals", "other"];

function drawTables() {
  const dl = $("#kinds");
  dl.textContent = "";
  for (const k of KINDS) dl.append(el("option", { value: k }));
  const tb = $("#tables tbody");
  tb.textContent = "";
  for (const t of state.view.tables) {
    const tr = el("tr", { "data-table": t.id }, el("td", {}, String(t.attachment)), el("td", {}, t.id), el("td", {}, kindLabel(t)), el("td", {}, t.unit || ""), el("td", {}, String(t.rows.length)), el("td", {}, t.title));
    tr.onclick = () => openTable(t.id);
    tb.append(tr);
  }
}

function drawFindings() {
  const ol = $("#findings");
  ol.textContent = "";
  const fs = state.view.findings || [];
  $("#findings-count").textContent = "(" + fs.length + ")";
  fs.forEach((f, i) => {
    const li = el("li", { class: f.severity, "data-i": String(i), "data-rule": f.rule, "data-table": f.table || "" },
      el("b", {}, f.rule), " ", f.table ? f.table + (f.row ? " row " + f.row : "") + (f.column ? " " + f.column : "") + ": " : "", f.message);
    li.onclick = () => showFinding(i);
    ol.append(li);
  });
}

function drawCorrections() {
  const ol = $("#corrections");
  ol.textContent = "";
  for (const c of state.manifest.corrections || []) {
    const where = c.op === "not_table" ? "page " + c.page : c.table + (c.row ? " row " + c.row : "") + (c.column ? " " + c.column : "");
    ol.append(el("li", {}, c.op + " " + where + ": " + JSON.stringify(c.before) + " → " + JSON.stringify(c.after) + " (" + c.when + ")"));
  }
}

function tableByID(id) { return state.view.tables.find((t) => t.id === id); }

function openTable(id) {
  const t = tableByID(id);
  if (!t) return;
  state.table = id;
  go(id);
  for (const tr of document.querySelectorAll("#tables tbody tr")) tr.classList.toggle("sel", tr.dataset.table === id);
  $("#table-pane").hidden = false;
  $("#cell-editor").hidden = true;
  $("#table-title").textContent = "附件" + t.attachment + " " + t.title + (t.unit ? " (单位：" + t.unit + ")" : "");
  $("#table-kind").value = t.kind;
  $("#table-attachment").value = t.attachment;
  $("#dl-csv").href = api("/" + state.id + "/tables/" + id + ".csv");
  const corrected = new Set((state.manifest.corrections || []).filter((c) => c.op === "cell" && c.table === id).map((c) => c.row + "/" + c.column));
  const grid = $("#grid");
  grid.textContent = "";
  const head = el("tr", {}, el("th", {}, "#"));
  t.columns.forEach((c) => head.append(el("th", { title: c.label }, c.name)));
  grid.append(el("thead", {}, head));
  const body = el("tbody");
  t.rows.forEach((r, i) => {
    const tr = el("tr", { "data-row": String(i + 1), class: r.total ? "total" : "" }, el("th", {}, String(i + 1)));
    r.cells.forEach((v, j) => {
      const col = t.columns[j];
      const td = el("td", { "data-row": String(i + 1), "data-col": col.name, class: (col.type === "decimal" ? "num" : "") + (corrected.has(i + 1 + "/" + col.name) ? " corrected" : "") }, v);
      td.onclick = () => editCell(t, i + 1, col.name);
      tr.append(td);
    });
    body.append(tr);
  });
  grid.append(body);
  showPage(t.pages[0] || 1);
}

// ---- findings: the cell in the table and on the page ----
function showFinding(i) {
  const f = state.view.findings[i];
  for (const li of document.querySelectorAll("#findings li")) li.classList.toggle("sel", li.dataset.i === String(i));
  state.finding = f;
  if (f.table && tableByID(f.table)) {
    if (state.table !== f.table) openTable(f.table);
    const t = tableByID(f.table);
    highlight(t, f.row, f.column);
    const r = f.row ? t.rows[f.row - 1] : null;
    showPage(r ? r.page : (f.pages || [t.pages[0]])[0], t, f.row, f.column);
  } else if ((f.pages || []).length) {
    showPage(f.pages[0]);
  }
}

function highlight(t, row, column) {
  for (const e of document.querySelectorAll("#grid .hl")) e.classList.remove("hl");
  if (!row) return;
  const sel = column ? `#grid td[data-row="${row}"][data-col="${CSS.escape(column)}"]` : `#grid tr[data-row="${row}"]`;
  let e = document.querySelector(sel);
  if (!e && column) e = document.querySelector(`#grid tr[data-row="${row}"]`);
  if (!e) return;
  e.classList.add("hl");
  // Scroll the table's own box, not the page.
  const wrap = $("#grid-wrap");
  wrap.scrollTop = Math.max(0, e.offsetTop - wrap.clientHeight / 2);
  wrap.scrollLeft = Math.max(0, e.offsetLeft + e.offsetWidth - wrap.clientWidth + 20);
}

const squash = (s) => (s || "").replace(/[\s,，]/g, "");

function showPage(n, t, row, column) {
  const v = state.view;
  if (!v.geometry || !v.pages.length) { $("#page-pane").hidden = true; return; }
  n = Math.max(1, Math.min(n, v.pages.length));
  state.page = n;
  const p = v.pages[n - 1];
  $("#page-pane").hidden = false;
  $("#page-no").textContent = n + " / " + v.pages.length;
  const img = $("#page-img");
  const src = api("/" + state.id + "/pages/" + n + ".png") + "?v=" + (state.manifest.corrections_sha256 || "").slice(0, 8);
  if (img.getAttribute("src") !== src) img.src = src;
  const svg = $("#page-svg");
  svg.setAttribute("viewBox", `0 0 ${p.width} ${p.height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.textContent = "";
  const rect = (b, cls) => {
    const r = document.createElementNS("http://www.w3.org/2000/svg", "rect");
    r.setAttribute("x", b[0]); r.setAttribute("y", b[1]);
    r.setAttribute("width", Math.max(b[2] - b[0], 1)); r.setAttribute("height", Math.max(b[3] - b[1], 1));
    r.setAttribute("class", cls);
    svg.append(r);
    return r;
  };
  for (const l of p.lines) {
    if (!l.tab) continue;
    for (const c of l.cells) rect(c.box, c.doubt ? "doubt" : "cell");
  }
  for (const l of p.lines) for (const c of l.cells) if (c.doubt && !l.tab) rect(c.box, "doubt");
  if (t && row) {
    const r = t.rows[row - 1];
    const line = r && r.page === n ? p.lines.find((l) => l.n === r.line) : null;
    if (line) {
      let box = line.box;
      const j = column ? t.columns.findIndex((c) => c.name === column) : -1;
      const want = j >= 0 ? squash(r.cells[j]) : "";
      const c = want ? line.cells.find((c) => squash(c.t) === want || squash(c.t).endsWith(want)) : null;
      if (c) box = c.box;
      rect(box, "hl").setAttribute("id", "page-hl");
    }
  }
}
$("#page-prev").onclick = () => showPage(state.page - 1);
$("#page-next").onclick = () => showPage(state.page + 1);

// ---- corrections ----
function rowKey(t, row) {
  return t.columns.map((c, j) => (c.type === "string" ? t.rows[row - 1].cells[j] : "")).filter(Boolean).join(" ");
}

function editCell(t, row, column) {
  state.cell = { table: t.id, row, column };
  highlight(t, row, column);
  const j = t.columns.findIndex((c) => c.name === column);
  $("#cell-editor").hidden = false;
  $("#cell-where").textContent = t.id + " row " + row + " " + column + " (" + t.columns[j].label + "):";
  $("#cell-value").value = t.rows[row - 1].cells[j];
  $("#cell-value").focus();
  showPage(t.rows[row - 1].page, t, row, column);
}
$("#cell-cancel").onclick = () => { $("#cell-editor").hidden = true; };

async function correct(c) {
  const { status, body } = await json(api("/" + state.id + "/corrections"), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(c) });
  if (status >= 400) { message(body.error); return; }
  message("correction saved; reading again…", true);
  await open(state.id, state.table);
  const stale = (state.view.findings || []).filter((f) => f.rule === "correction.stale");
  for (const f of stale) message(f.message);
}

$("#cell-editor").onsubmit = (e) => {
  e.preventDefault();
  const { table, row, column } = state.cell;
  const t = tableByID(table);
  const j = t.columns.findIndex((c) => c.name === column);
  const after = $("#cell-value").value.trim();
  const before = t.rows[row - 1].cells[j];
  if (after === before) return;
  correct({ op: "cell", table, row, column, key: rowKey(t, row), before, after });
};

$("#table-form").onsubmit = async (e) => {
  e.preventDefault();
  const t = tableByID(state.table);
  const kind = $("#table-kind").value.trim(), att = $("#table-attachment").value.trim();
  if (kind !== t.kind) await correct({ op: "kind", table: t.id, before: t.kind, after: kind });
  if (att !== String(t.attachment)) {
    const id = t.id.replace(/^a\d+/, "a" + att.padStart(2, "0"));
    await correct({ op: "attachment", table: t.id, before: String(t.attachment), after: att });
    if (tableByID(id)) openTable(id);
  }
};

$("#split").onclick = () => {
  const { table, row } = state.cell;
  const t = tableByID(table);
  if (row < 2) { message("a table is split before its second row or a later one"); return; }
  correct({ op: "split", table, row, key: rowKey(t, row), before: "", after: "" });
};

$("#join").onclick = () => {
  const ts = state.view.tables, i = ts.findIndex((t) => t.id === state.table);
  if (i < 0 || i + 1 >= ts.length) { message("no table follows this one"); return; }
  const t = ts[i], w = ts[i + 1];
  if (!confirm("Append " + w.id + " (" + w.rows.length + " rows) to " + t.id + "?")) return;
  correct({ op: "join", table: t.id, with: w.id, before: t.rows.length + "+" + w.rows.length, after: "" });
};

$("#not-table").onclick = () => {
  const n = state.page;
  const ids = state.view.tables.filter((t) => t.rows.some((r) => r.page === n)).map((t) => t.id);
  if (!ids.length) { message("no table has rows on page " + n); return; }
  if (!confirm("Drop the rows of " + ids.join(", ") + " read from page " + n + "?")) return;
  correct({ op: "not_table", page: n, before: ids.join(","), after: "" });
};

// ---- start ----
(async function start() {
  await listDocs();
  const h = new URLSearchParams(location.hash.slice(1));
  if (h.get("doc")) open(h.get("doc"), h.get("table"));
})();
