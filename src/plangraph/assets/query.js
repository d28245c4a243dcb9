// The query page: named queries one click away, results drawn as a table.
// Text from the store only ever goes into textContent, never into HTML.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}

function table(data) {
  const t = el("table");
  const head = t.createTHead().insertRow();
  for (const v of data.head.vars) head.appendChild(el("th", v));
  const body = t.createTBody();
  for (const b of data.results.bindings) {
    const row = body.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]);
  }
  return t;
}

async function run() {
  const status = $("status"), output = $("output");
  status.className = "";
  status.textContent = "running…";
  output.replaceChildren();
  const started = performance.now();
  let response;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-query",
                "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: $("query").value,
    });
  } catch (err) {
    status.className = "error";
    status.textContent = "request failed: " + err;
    return;
  }
  const ms = Math.round(performance.now() - started);
  const text = await response.text();
  if (!response.ok) {
    status.className = "error";
    status.textContent = response.status + " " + text;
    return;
  }
  const cap = response.headers.get("X-Plangraph-Truncated");
  const note = cap ? ` — only the first ${cap} shown (result cap)` : "";
  if (response.headers.get("Content-Type").startsWith("application/sparql-results+json")) {
    const data = JSON.parse(text);
    if ("boolean" in data) {
      output.appendChild(el("p", String(data.boolean)));
      status.textContent = `${ms} ms`;
    } else {
      output.appendChild(table(data));
      status.textContent = `${data.results.bindings.length} rows, ${ms} ms${note}`;
    }
  } else {
    output.appendChild(el("pre", text));
    status.textContent = `${ms} ms${note}`;
  }
}

async function loadNamed() {
  const list = $("named");
  const response = await fetch("queries.json");
  const queries = response.ok ? await response.json() : [];
  if (!queries.length) list.appendChild(el("li", "(none found)"));
  for (const q of queries) {
    const item = el("li");
    const button = el("button", q.name);
    button.type = "button";
    button.title = q.description;
    button.addEventListener("click", () => { $("query").value = q.query; run(); });
    item.append(button, el("div", q.description));
    item.lastChild.className = "desc";
    list.appendChild(item);
  }
}

$("run").addEventListener("click", run);
$("query").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});
loadNamed();
