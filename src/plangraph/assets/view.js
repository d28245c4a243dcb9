/* plangraph explorer: search, filters and a details panel around vis-network.
 * Text from the plans is only ever put into the page with textContent, so a
 * label or sentence containing markup stays text. */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("plangraph-data").textContent);
  const info = data.info;
  const $ = (id) => document.getElementById(id);

  /** createElement with text and a class; the one way this page makes DOM. */
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  const typeColor = Object.fromEntries(data.types.map((t) => [t.name, t.color]));
  const predColor = Object.fromEntries(data.predicates.map((p) => [p.name, p.color]));
  /* Predicates in data.hidden (the many "mentions" lines of a big graph) start hidden. */
  const startsHidden = new Set(data.hidden);
  data.edges.forEach((e, i) => { e.id = i; e.hidden = startsHidden.has(e.predicate); });
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network($("graph"), { nodes, edges }, data.options);

  /* Adjacency by node index, for the relations list in the panel. */
  const adjacent = info.map(() => []);
  data.edges.forEach((e) => {
    adjacent[e.from].push(e);
    adjacent[e.to].push(e);
  });

  /* ---------- filters ---------- */

  const shown = { types: new Set(data.types.map((t) => t.name)),
                  predicates: new Set(data.predicates.map((p) => p.name).filter((p) => !startsHidden.has(p))),
                  plans: new Set(data.plans.map((_, i) => i)) };
  const nodeHidden = info.map(() => false);
  const edgeHidden = data.edges.map((e) => e.hidden);

  function nodeVisible(i) {
    const row = info[i];
    if (!shown.types.has(row.type)) return false;
    return row.plans.length === 0 || row.plans.some((p) => shown.plans.has(p));
  }

  /** Push only what changed, so toggling stays cheap on big graphs. vis already
   * skips edges whose end is hidden, so edges change only with their predicate. */
  function applyFilters() {
    const nodeChanges = [];
    info.forEach((_, i) => {
      const hidden = !nodeVisible(i);
      if (hidden !== nodeHidden[i]) { nodeHidden[i] = hidden; nodeChanges.push({ id: i, hidden }); }
    });
    const edgeChanges = [];
    data.edges.forEach((e, i) => {
      const hidden = !shown.predicates.has(e.predicate);
      if (hidden !== edgeHidden[i]) { edgeHidden[i] = hidden; edgeChanges.push({ id: i, hidden }); }
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    updateStatus();
  }

  function updateStatus() {
    const n = nodeHidden.filter((h) => !h).length;
    const m = data.edges.filter((e, i) => !edgeHidden[i] && !nodeHidden[e.from] && !nodeHidden[e.to]).length;
    $("status").textContent = `显示 ${n} / ${info.length} 节点 nodes · ${m} / ${data.edges.length} 边 edges`;
  }

  function checkbox(container, set, key, swatch, text, count) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = set.has(key);
    box.value = String(key);
    box.addEventListener("change", () => {
      if (box.checked) set.add(key); else set.delete(key);
      applyFilters();
    });
    label.append(box, swatch, el("span", text));
    if (count !== undefined) label.append(el("span", count, "count"));
    container.append(label);
    return box;
  }

  function typeSwatch(name) {
    const s = el("span", null, name === "Plan" ? "swatch plan" : "swatch");
    s.style.background = typeColor[name];
    return s;
  }

  function predicateSwatch(name) {
    const s = el("span", null, name === "mentions" && !data.large ? "line dashed" : "line");
    s.style.borderTopColor = predColor[name];
    return s;
  }

  data.types.forEach((t) => checkbox($("type-filters"), shown.types, t.name, typeSwatch(t.name), t.name, t.count));
  data.predicates.forEach((p) =>
    checkbox($("predicate-filters"), shown.predicates, p.name, predicateSwatch(p.name), p.name, p.count));
  const planBoxes = data.plans.map((p, i) => checkbox($("plan-filters"), shown.plans, i, el("span"), p.name));

  function setAllPlans(on) {
    planBoxes.forEach((box, i) => {
      box.checked = on;
      if (on) shown.plans.add(i); else shown.plans.delete(i);
    });
    applyFilters();
  }
  $("plans-all").addEventListener("click", () => setAllPlans(true));
  $("plans-none").addEventListener("click", () => setAllPlans(false));

  /** Show everything again so a searched-for node is never selected while hidden. */
  function resetFilters() {
    document.querySelectorAll("#filters input[type=checkbox]").forEach((box) => { box.checked = true; });
    data.types.forEach((t) => shown.types.add(t.name));
    data.predicates.forEach((p) => shown.predicates.add(p.name));
    data.plans.forEach((_, i) => shown.plans.add(i));
    applyFilters();
  }

  /* ---------- details panel ---------- */

  function section(parent, title) {
    parent.append(el("h3", title));
  }

  function nodeLink(i) {
    const b = el("button", info[i].label, "linklike");
    b.type = "button";
    b.addEventListener("click", () => selectNode(i));
    return b;
  }

  function showDetails(i) {
    const row = info[i];
    const body = $("details-body");
    body.replaceChildren();
    body.append(el("h2", row.label));
    const badge = el("span", row.type, "badge");
    badge.style.background = typeColor[row.type] || "#6c757d";
    body.append(badge, el("div", row.iri, "iri"));
    if (row.alt.length) {
      section(body, "别名 Alternative labels");
      body.append(el("div", row.alt.join("；")));
    }
    if (row.type === "Plan") {
      section(body, "地区 Region");
      body.append(el("div", row.region || "—"));
      section(body, "实体 Entities");
      body.append(el("div", `${row.entities} 个实体 entities mentioned`));
    } else {
      section(body, `提及规划 Mentioned in ${row.inPlans} plan(s) · ${row.mentions} mentions`);
      const ul = el("ul");
      row.plans.forEach((p) => ul.append(el("li", data.plans[p].name)));
      body.append(ul);
    }
    const relations = adjacent[i].filter((e) => e.predicate !== "mentions");
    if (relations.length) {
      section(body, "关系 Relations");
      const ul = el("ul");
      /* Subject, predicate, object as the RDF says: 吴兴区 implements 八八战略. An edge
       * without arrows has no known direction and reads "related to". */
      relations.forEach((e) => {
        const li = el("li");
        const verb = el("span", e.arrows ? ` ${e.predicate} ` : ` ${e.predicate} (related to) `, "predicate");
        const self = el("strong", row.label);
        if (e.from === i || !e.arrows) li.append(self, verb, nodeLink(e.from === i ? e.to : e.from));
        else li.append(nodeLink(e.from), verb, self);
        ul.append(li);
      });
      body.append(ul);
    }
    if (row.evidence.length) {
      section(body, "原文 Evidence");
      row.evidence.forEach((ev) => {
        const fig = el("figure", null, "evidence");
        fig.append(el("blockquote", ev.sentence), el("figcaption", [ev.plan, ev.section].filter(Boolean).join(" · "), "where"));
        body.append(fig);
      });
    }
    $("details").hidden = false;
    network.redraw();
  }

  $("details-close").addEventListener("click", () => { $("details").hidden = true; });
  network.on("click", (params) => { if (params.nodes.length) showDetails(params.nodes[0]); });

  function selectNode(i) {
    if (nodeHidden[i]) resetFilters();
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
    showDetails(i);
  }

  /* ---------- search ---------- */

  const index = info.map((row, i) => ({ i, keys: [row.label, ...row.alt].map((k) => k.toLowerCase()) }));
  const input = $("search");
  const list = $("suggestions");
  let matches = [];
  let active = 0;

  /** Exact match first, then prefix, then substring; ties go to nodes more plans mention. */
  function search(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const scored = [];
    index.forEach(({ i, keys }) => {
      let best = 3;
      keys.forEach((k) => { best = Math.min(best, k === q ? 0 : k.startsWith(q) ? 1 : k.includes(q) ? 2 : 3); });
      if (best < 3) scored.push([best, i]);
    });
    scored.sort((a, b) => a[0] - b[0] || info[b[1]].plans.length - info[a[1]].plans.length
      || info[b[1]].mentions - info[a[1]].mentions || (info[a[1]].label < info[b[1]].label ? -1 : 1));
    return scored.slice(0, 12).map((s) => s[1]);
  }

  function renderSuggestions() {
    list.replaceChildren();
    matches.forEach((i, k) => {
      const li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(k === active));
      li.dataset.index = String(i);
      li.append(typeSwatch(info[i].type), el("span", info[i].label),
        el("span", `${info[i].type} · ${info[i].plans.length} 规划`, "meta"));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(i); });
      list.append(li);
    });
    list.hidden = matches.length === 0;
  }

  function choose(i) {
    input.value = info[i].label;
    matches = [];
    renderSuggestions();
    selectNode(i);
  }

  input.addEventListener("input", () => { matches = search(input.value); active = 0; renderSuggestions(); });
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!matches.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      renderSuggestions();
      ev.preventDefault();
    } else if (ev.key === "Enter") {
      const found = matches.length ? matches : search(input.value);
      if (found.length) choose(found[Math.min(active, found.length - 1)]);
    } else if (ev.key === "Escape") {
      matches = [];
      renderSuggestions();
    }
  });
  input.addEventListener("blur", () => { list.hidden = true; });
  input.addEventListener("focus", () => { list.hidden = matches.length === 0; });

  /* ---------- labels ---------- */

  /* The page draws the labels itself, at a fixed size on screen: plans always,
   * then, most shared first, every label that fits without touching one already
   * drawn. So the first screen names each plan and the main shared entities,
   * and zooming in reveals more, never a pile of overlapping text. */
  const LABEL_FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  const MAX_LABELS = 150;
  const MIN_DOT_PX = 3; // dots smaller than this on screen get no label

  let labelled = []; // the nodes labelled in the last frame, for tests

  function labelOrder() {
    const selected = new Set(network.getSelectedNodes());
    return [...selected, ...data.order.filter((i) => !selected.has(i))];
  }

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  function drawLabels(ctx) {
    const scale = network.getScale();
    const box = $("graph").getBoundingClientRect();
    const tl = network.DOMtoCanvas({ x: 0, y: 0 });
    const br = network.DOMtoCanvas({ x: box.width, y: box.height });
    const positions = network.getPositions();
    const placed = [];
    labelled = [];
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (const i of labelOrder()) {
      if (placed.length >= MAX_LABELS) break;
      const plan = info[i].type === "Plan";
      const size = data.nodes[i].size;
      if (nodeHidden[i] || (!plan && size * scale < MIN_DOT_PX)) continue;
      const p = positions[i];
      const px = (plan ? 16 : 12) / scale;
      ctx.font = `${plan ? "bold " : ""}${px}px ${LABEL_FONT}`;
      const width = ctx.measureText(info[i].label).width;
      const top = p.y + size + 2 / scale;
      const rect = { x0: p.x - width / 2, x1: p.x + width / 2, y0: top, y1: top + px * 1.25 };
      if (rect.x1 < tl.x || rect.x0 > br.x || rect.y1 < tl.y || rect.y0 > br.y) continue;
      if (!plan && placed.some((r) => overlaps(r, rect))) continue;
      placed.push(rect);
      labelled.push(i);
      ctx.lineWidth = 4 / scale;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(info[i].label, p.x, top);
      ctx.fillStyle = plan ? "#111" : "#333";
      ctx.fillText(info[i].label, p.x, top);
    }
    ctx.restore();
  }
  network.on("afterDrawing", drawLabels);

  /* ---------- ready ---------- */

  /** Mark the page interactive once the final layout has been drawn (tests and the bench wait on it). */
  function markReadyOnNextDraw() {
    network.once("afterDrawing", () => { document.documentElement.dataset.ready = "1"; });
    network.redraw();
  }

  window.plangraph = { network, nodes, edges, info, selectNode, labelled: () => labelled };
  network.fit();
  markReadyOnNextDraw();
  updateStatus();
})();
