(function () {
  "use strict";
  // argmap viewer: the page's only script (its SHA-256 is in the page's Content-Security-Policy).
  // Map text is untrusted: the DOM is built with textContent only.
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const $ = id => document.getElementById(id);
  const canvas = $("canvas"), svg = canvas.querySelector("svg"), details = $("details"), results = $("results");
  const nodes = new Map(data.nodes.map(n => [n.id, n]));
  const groups = new Map();
  svg.querySelectorAll("g.node").forEach(g => {
    const id = (g.id || "").replace(/^node-/, "");
    if (nodes.has(id)) { groups.set(id, g); g.dataset.id = id; }
  });
  const incoming = new Map(), outgoing = new Map();
  data.nodes.forEach(n => { incoming.set(n.id, []); outgoing.set(n.id, []); });
  data.relations.forEach(r => {
    (outgoing.get(r.origin) || []).push(r);
    r.targets.forEach(t => (incoming.get(t) || []).push(r));
  });
  const PRO = new Set(["supports", "answers", "agrees with", "refines", "same as"]);
  const CON = new Set(["attacks", "undercuts", "contradicts", "disagrees with"]);
  const home = data.nodes.find(n => n.kind === (data.comparison ? "question" : "thesis"))
            || data.nodes.find(n => n.kind === "thesis" || n.kind === "question") || data.nodes[0];

  function el(tag, content, cls) {
    const e = document.createElement(tag);
    if (content !== undefined && content !== null) e.textContent = content;
    if (cls) e.className = cls;
    return e;
  }
  function label(n) { return n.label ? el("span", n.label.toUpperCase(), "lbl lbl-" + n.label) : null; }
  function texts(n, node) {  // the node's text in the chosen language(s), as spans the toggle can hide
    const en = el("span", n.text, "en" + (n.zh ? " has-zh" : ""));
    node.append(en);
    if (n.zh) { node.append(el("span", " " + n.zh, "zh")); }
    return node;
  }
  function nodeLink(id, cls) {
    const n = nodes.get(id);
    const a = el("a", null, "node" + (cls ? " " + cls : ""));
    a.href = "#" + encodeURIComponent(id);
    a.dataset.go = id;
    a.append(el("span", id + " · " + (n ? n.kind : "?"), "idk"));
    if (n) { texts(n, a); const l = label(n); if (l) a.append(l); }
    return a;
  }

  // --- pan and zoom (mouse, wheel, keys, touch pan and pinch) ------------------------------------
  let scale = 1, x = 0, y = 0;
  const svgW = svg.width.baseVal.value, svgH = svg.height.baseVal.value;
  function apply() { svg.style.transform = `translate(${x}px, ${y}px) scale(${scale})`; }
  function clamp(s) { return Math.min(4, Math.max(0.02, s)); }
  function zoomAt(f, px, py) {
    const s = clamp(scale * f); x = px - (px - x) * (s / scale); y = py - (py - y) * (s / scale); scale = s; apply();
  }
  function centre() { const r = canvas.getBoundingClientRect(); return [r.width / 2, r.height / 2]; }
  function fit() {
    const r = canvas.getBoundingClientRect();
    scale = clamp(Math.min(r.width / svgW, r.height / svgH)); x = (r.width - svgW * scale) / 2; y = (r.height - svgH * scale) / 2; apply();
  }
  function boxOf(id) {  // the node's box in SVG pixels at zoom 1
    const g = groups.get(id); if (!g) return null;
    const gr = g.getBoundingClientRect(), sr = svg.getBoundingClientRect();
    return {x: (gr.left - sr.left) / scale, y: (gr.top - sr.top) / scale, w: gr.width / scale, h: gr.height / scale};
  }
  function zoomTo(id, atLeast) {
    const b = boxOf(id); if (!b) return;
    const r = canvas.getBoundingClientRect();
    // legible: zoom 1 shows 11 px text (8 px for a node's kind and id); never so far in that the node
    // overflows the view's width. A node taller than the view (a long thesis) keeps its text legible (zoom
    // 1.125 and more: 9 px for the smallest line) and shows its top, to be read downwards, rather than
    // shrinking to fit
    const LEGIBLE = 1.125;
    let s = Math.min(1.2, (r.width * 0.9) / b.w, Math.max((r.height * 0.8) / b.h, LEGIBLE));
    if (atLeast === false) s = Math.max(scale, Math.min(s, 1));
    scale = clamp(s);
    x = r.width / 2 - (b.x + b.w / 2) * scale;
    y = b.h * scale > r.height * 0.9 ? r.height * 0.05 - b.y * scale : r.height / 2 - (b.y + b.h / 2) * scale;
    apply();
  }
  canvas.addEventListener("wheel", e => {
    e.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, {passive: false});
  const pointers = new Map();
  let drag = null, moved = false, pinch = null;
  canvas.addEventListener("pointerdown", e => {
    if (e.target.closest("#zoom")) return;
    pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
    if (pointers.size === 1) { drag = {x: e.clientX - x, y: e.clientY - y}; moved = false; canvas.classList.add("dragging"); }
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = {d: Math.hypot(a.x - b.x, a.y - b.y), s: scale}; drag = null;
    }
  });
  canvas.addEventListener("pointermove", e => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, {x: e.clientX, y: e.clientY});
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()], r = canvas.getBoundingClientRect();
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      zoomAt((pinch.s * d / pinch.d) / scale, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top); moved = true;
    } else if (drag) {
      const nx = e.clientX - drag.x, ny = e.clientY - drag.y;
      if (Math.abs(nx - x) + Math.abs(ny - y) > 2) moved = true;
      x = nx; y = ny; apply();
    }
  });
  function up(e) {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) { drag = null; canvas.classList.remove("dragging"); }
  }
  canvas.addEventListener("pointerup", up); canvas.addEventListener("pointercancel", up);
  $("zoom-in").addEventListener("click", () => zoomAt(1.3, ...centre()));
  $("zoom-out").addEventListener("click", () => zoomAt(1 / 1.3, ...centre()));
  $("zoom-fit").addEventListener("click", fit);
  $("zoom-home").addEventListener("click", () => { if (home) go(home.id); });
  $("legend-btn").addEventListener("click", () => {
    view("canvas");
    const g = svg.querySelector("g#legend"); if (!g) return;
    groups.set("legend", g); zoomTo("legend"); groups.delete("legend");
  });
  $("print-btn").addEventListener("click", () => { view("outline"); openAll(); window.print(); });

  // --- views --------------------------------------------------------------------------------------
  let current = null;
  function view(name) {
    ["canvas", "outline", "focus", "matrix"].forEach(v => { if ($(v)) $(v).hidden = v !== name; });
    if (name === "matrix") drawMatrix();
    document.querySelectorAll(".tabs button").forEach(b => b.setAttribute("aria-selected", String(b.dataset.view === name)));
    if (name === "focus") drawFocus(current || (home && home.id));
  }
  document.querySelectorAll(".tabs button").forEach(b => b.addEventListener("click", () => view(b.dataset.view)));

  // --- the stance matrix (comparison maps): questions by papers, cells coloured by stance ------------
  let matrixDrawn = false;
  function drawMatrix() {
    const m = data.matrix; if (!m || matrixDrawn) return; matrixDrawn = true;
    const box = $("matrix");
    const legend = el("p", "", "legend");
    [["asserted", "asserted"], ["hedged", "hedged"], ["conceded", "conceded"], ["none", "no position"], ["silent", "not answered"]]
      .forEach(([c, words]) => legend.append(el("span", words, c)));
    box.append(legend);
    const table = el("table"); const head = el("tr"); head.append(el("th", "question"));
    m.papers.forEach(p => { const th = el("th", p.label); if (p.title) th.title = p.title; head.append(th); });
    const thead = el("thead"); thead.append(head); table.append(thead);
    const body = el("tbody");
    m.questions.forEach(q => {
      const tr = el("tr"); const th = el("th");
      const qa = el("a", null, "node"); qa.href = "#" + encodeURIComponent(q.id); qa.dataset.go = q.id; texts(nodes.get(q.id) || {text: q.text, zh: q.zh}, qa);
      th.append(qa); tr.append(th);
      m.papers.forEach(p => {
        const positions = (m.cells[q.id] || {})[p.ns] || [];
        const td = el("td");
        if (!positions.length) { td.className = "silent"; td.append(el("span", "—")); }
        else {
          td.className = positions[0].stance;
          positions.forEach(pos => {
            const span = el("span", "", "pos");
            span.append(el("span", pos.stance === "none" ? "no position" : pos.stance, "stance"), " ");
            if (pos.reported) span.append(el("span", "reported: " + pos.reported + " ", "relnote"));
            // the answer's own note says how the paper answers; else the position's text, shortened
            const said = pos.note || (pos.text.length > 160 ? pos.text.slice(0, 159) + "…" : pos.text);
            span.append(el("span", said));
            const ref = el("a", pos.node, "idk"); ref.href = "#" + encodeURIComponent(pos.node); ref.dataset.go = pos.node;
            span.append(" ", ref);
            if (pos.page) { const a = el("a", "paper map ↗", "idk"); a.href = pos.page; span.append(" · ", a); }
            td.append(span);
          });
        }
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(body); box.append(table);
  }

  // --- the panel ----------------------------------------------------------------------------------
  function relationItem(r, other) {
    const li = el("li");
    li.append(nodeLink(other));
    if (r.on) li.append(el("span", " (on " + r.on + ")", "relnote"));
    const extra = [r.strength, r.stance && r.stance !== "asserted" ? r.stance : null].filter(Boolean).join(", ");
    if (extra) li.append(el("span", " [" + extra + "]", "relnote"));
    if (r.note) li.append(el("div", r.note, "relnote"));
    r.quotes.forEach(q => { const b = el("blockquote", q.text); if (q.locator) b.append(el("span", q.locator, "loc")); li.append(b); });
    return li;
  }
  function show(id) {
    const n = nodes.get(id); if (!n) return;
    current = id;
    details.replaceChildren();
    details.append(el("p", [n.kind, n.status, n.stance, n.type, n.date].filter(Boolean).join(" · "), "kind"));
    const h = el("h2"); texts(n, h); const l = label(n); if (l) h.append(l); details.append(h);
    for (const q of n.quotes) { const b = el("blockquote", q.text); b.append(el("span", q.locator, "loc")); details.append(b); }
    if (n.notes.length) { const ul = el("ul"); n.notes.forEach(t => ul.append(el("li", t))); details.append(ul); }
    const meta = el("p", [n.id, n.source, n.section].concat(n.tags.map(t => "#" + t)).filter(Boolean).join(" · "), "loc");
    details.append(meta);
    if (n.link) { const a = el("a", "open the source ↗"); a.href = n.link; a.target = "_blank"; a.rel = "noopener noreferrer"; details.append(a); }
    const actions = el("p");
    const fb = el("button", "Focus on this node"); fb.type = "button"; fb.id = "focus-this";
    fb.addEventListener("click", () => { view("focus"); }); actions.append(fb); details.append(actions);
    for (const grp of data.groups) {
      const items = [];
      if (grp.dir !== "out") incoming.get(id).filter(r => r.kind === grp.kind).forEach(r => items.push([r, r.origin]));
      if (grp.dir !== "in") outgoing.get(id).filter(r => r.kind === grp.kind).forEach(r => {
        r.targets.forEach(t => { if (grp.dir === "out" || t !== id) items.push([r, t]); });
      });
      if (!items.length) continue;
      const h3 = el("h3", grp.words + " (" + items.length + ")", PRO.has(grp.kind) ? "pro" : CON.has(grp.kind) ? "con" : "");
      h3.dataset.group = grp.words;
      const ul = el("ul"); ul.dataset.group = grp.words;
      items.forEach(([r, other]) => ul.append(relationItem(r, other)));
      details.append(h3, ul);
    }
    groups.forEach((g, key) => g.classList.toggle("hit", key === id));
    document.querySelectorAll("#outline .current").forEach(e => e.classList.remove("current"));
  }
  function go(id) {  // show a node everywhere: the panel, and centred in the view that is open
    if (!nodes.has(id)) return;
    show(id);
    if (!$("focus").hidden) { drawFocus(id); return; }
    if (!$("outline").hidden) {
      const a = $("outline").querySelector(`[data-go="${CSS.escape(id)}"]`);
      if (a) { let p = a.parentElement; while (p) { if (p.tagName === "DETAILS") p.open = true; p = p.parentElement; } a.scrollIntoView({block: "center"}); }
      return;
    }
    const g = groups.get(id);
    if (g && g.classList.contains("dim")) { resetFilters(); }
    zoomTo(id, false);
  }
  document.addEventListener("click", e => {
    const a = e.target.closest("[data-go]");
    if (a) { e.preventDefault(); go(a.dataset.go); }
  });
  svg.addEventListener("click", e => {
    if (moved) return;
    const g = e.target.closest("g.node");
    if (g && g.dataset.id) { e.preventDefault(); show(g.dataset.id); zoomTo(g.dataset.id, false); }
  });

  // --- outline: the thesis, then what supports and attacks it, nested -----------------------------
  const CHILD = new Set(["supports", "attacks", "undercuts", "contradicts", "answers", "refines"]);
  function childrenOf(id) {
    return incoming.get(id).filter(r => CHILD.has(r.kind) && r.origin !== id);
  }
  function outlineItem(id, r, seen, depth) {
    const li = el("li", null, r ? (PRO.has(r.kind) ? "pro" : CON.has(r.kind) ? "con" : "other") : "");
    const head = [];
    if (r) head.push(el("span", r.kind === "supports" ? "pro" : r.kind === "answers" ? "answers" : r.kind === "refines" ? "refines" : "con · " + r.kind, "rel"));
    head.push(nodeLink(id));
    const kids = seen.has(id) ? [] : childrenOf(id);
    if (seen.has(id)) head.push(el("span", " (shown above)", "relnote"));
    if (kids.length) {
      const d = el("details"); d.open = depth < 2;
      const s = el("summary"); s.append(...head); d.append(s);
      const ul = el("ul"); const next = new Set(seen); next.add(id);
      kids.forEach(k => ul.append(outlineItem(k.origin, k, next, depth + 1)));
      d.append(ul); li.append(d);
    } else { const s = el("div", null, "leaf"); s.append(...head); li.append(s); }
    return li;
  }
  function buildOutline() {
    const root = $("outline"), ul = el("ul"), reached = new Set();
    const tops = data.nodes.filter(n => n.kind === "thesis" || (data.comparison && n.kind === "question"));
    const walk = id => { if (reached.has(id)) return; reached.add(id); childrenOf(id).forEach(r => walk(r.origin)); };
    tops.forEach(n => { ul.append(outlineItem(n.id, null, new Set(), 0)); walk(n.id); });
    root.append(el("h2", data.comparison ? "Questions and the papers' positions" : "Theses and their reasons"), ul);
    const rest = data.nodes.filter(n => !reached.has(n.id) && !outgoing.get(n.id).some(r => CHILD.has(r.kind) && r.targets.some(t => reached.has(t))));
    if (rest.length) {
      const more = el("ul"); rest.forEach(n => more.append(outlineItem(n.id, null, new Set(), 1)));
      root.append(el("h2", "Not under a thesis"), more);
    }
  }
  function openAll() { document.querySelectorAll("#outline details").forEach(d => { d.open = true; }); }

  // --- focus: a node and its neighbours, laid out in columns ------------------------------------
  function drawFocus(id) {
    if (!id || !nodes.has(id)) return;
    current = id;
    const depth = Number($("focus-depth").value);
    const stage = $("focus-stage"); stage.replaceChildren();
    $("focus-title").textContent = "Reasons on the left, what they bear on to the right; click a card to move the focus.";
    const col = new Map([[id, 0]]); let frontier = [id];
    for (let k = 1; k <= depth; k++) {
      const next = [];
      frontier.forEach(f => {
        const side = col.get(f);
        incoming.get(f).forEach(r => { if (!col.has(r.origin)) { col.set(r.origin, side <= 0 ? side - 1 : side); next.push(r.origin); } });
        outgoing.get(f).forEach(r => r.targets.forEach(t => { if (!col.has(t)) { col.set(t, side >= 0 ? side + 1 : side); next.push(t); } }));
      });
      frontier = next;
    }
    const keys = [...new Set(col.values())].sort((a, b) => a - b);
    const cards = new Map();
    keys.forEach(k => {
      const c = el("div", null, "fcol");
      data.nodes.filter(n => col.get(n.id) === k).forEach(n => {
        const card = el("div", null, "fcard k-" + n.kind + (n.id === id ? " centre" : ""));
        card.dataset.go = n.id; card.dataset.focus = n.id;
        card.append(el("div", n.id + " · " + n.kind, "idk"));
        const t = el("div"); texts(n, t); const l = label(n); if (l) t.append(l); card.append(t);
        c.append(card); cards.set(n.id, card);
      });
      stage.append(c);
    });
    const NS = "http://www.w3.org/2000/svg", lines = document.createElementNS(NS, "svg");
    stage.prepend(lines);
    const sr = stage.getBoundingClientRect();
    const seen = new Set();
    data.relations.forEach(r => r.targets.forEach(t => {
      const a = cards.get(r.origin), b = cards.get(t);
      if (!a || !b || seen.has(r.key + t)) return; seen.add(r.key + t);
      const ar = a.getBoundingClientRect(), br = b.getBoundingClientRect();
      const line = document.createElementNS(NS, "line");
      line.setAttribute("x1", ar.right - sr.left); line.setAttribute("y1", ar.top + ar.height / 2 - sr.top);
      line.setAttribute("x2", br.left - sr.left); line.setAttribute("y2", br.top + br.height / 2 - sr.top);
      line.setAttribute("stroke", PRO.has(r.kind) ? "#009E73" : CON.has(r.kind) ? "#D55E00" : "#777");
      line.setAttribute("stroke-width", "2");
      if (r.kind !== "supports" && r.kind !== "attacks") line.setAttribute("stroke-dasharray", "5 4");
      lines.append(line);
    }));
    show(id);
    cards.get(id).scrollIntoView({block: "center", inline: "center"});
  }
  $("focus-depth").addEventListener("change", () => drawFocus(current));

  // --- search and filters -------------------------------------------------------------------------
  const search = $("search"), count = $("count");
  data.nodes.forEach(n => {
    n.haystack = [n.id, n.text, n.zh || ""].concat(n.quotes.map(q => q.text), n.notes).join("\n").toLowerCase();
  });
  const selects = ["f-tag", "f-section", "f-source"].map($).filter(Boolean);
  function resetFilters() {
    document.querySelectorAll(".kind-filter").forEach(c => { c.checked = true; });
    selects.forEach(s => { s.value = ""; }); refresh();
  }
  function snippet(n, q) {  // the matching text, in the language that matched
    const hay = [n.text, n.zh || ""].concat(n.quotes.map(x => x.text), n.notes);
    const hit = hay.find(t => t.toLowerCase().includes(q)) || n.text;
    const i = hit.toLowerCase().indexOf(q), from = Math.max(0, i - 30);
    const span = el("span");
    if (i < 0) { span.textContent = hit.slice(0, 90); return span; }
    span.append((from ? "…" : "") + hit.slice(from, i), el("mark", hit.slice(i, i + q.length)), hit.slice(i + q.length, i + q.length + 60) + "…");
    return span;
  }
  function refresh() {
    const q = search.value.trim().toLowerCase();
    const kinds = new Set([...document.querySelectorAll(".kind-filter:checked")].map(c => c.value));
    const tag = $("f-tag") ? $("f-tag").value : "", section = $("f-section") ? $("f-section").value : "",
          source = $("f-source") ? $("f-source").value : "";
    let shown = 0; const hits = [];
    data.nodes.forEach(n => {
      const passes = kinds.has(n.kind) && (!tag || n.tags.includes(tag)) && (!section || n.section === section)
                  && (!source || n.source === source);
      const match = passes && (!q || n.haystack.includes(q));
      const g = groups.get(n.id); if (g) g.classList.toggle("dim", !match);
      if (match) shown++;
      if (match && q) hits.push(n);
    });
    const filtered = q !== "" || kinds.size < document.querySelectorAll(".kind-filter").length || tag || section || source;
    svg.querySelectorAll("g.edge").forEach(e => e.classList.toggle("dim", Boolean(filtered)));
    count.textContent = `${shown} of ${data.nodes.length} nodes`;
    results.replaceChildren();
    results.hidden = !q;
    if (q) {
      results.append(el("li", hits.length ? `${hits.length} result${hits.length === 1 ? "" : "s"} for “${search.value.trim()}”` : "no results", "kind"));
      hits.forEach(n => {
        const li = el("li"), a = el("a"); a.href = "#" + encodeURIComponent(n.id); a.dataset.go = n.id;
        a.append(el("span", n.id + " · " + n.kind, "idk"), snippet(n, q)); li.append(a); results.append(li);
      });
    }
  }
  search.addEventListener("input", refresh);
  document.querySelectorAll(".kind-filter").forEach(c => c.addEventListener("change", refresh));
  selects.forEach(s => s.addEventListener("change", refresh));
  $("lang").addEventListener("change", e => { document.body.className = "lang-" + e.target.value; });
  document.addEventListener("keydown", e => {
    if (e.target.closest("input, select, textarea")) { if (e.key === "Escape") e.target.blur(); return; }
    const keys = {"+": () => zoomAt(1.3, ...centre()), "=": () => zoomAt(1.3, ...centre()), "-": () => zoomAt(1 / 1.3, ...centre()),
      "0": fit, "h": () => home && go(home.id), "/": () => search.focus(), "o": () => view("outline"),
      "f": () => view("focus"), "d": () => view("canvas")};
    if (keys[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); keys[e.key](); }
  });

  buildOutline(); refresh();
  if (home) { show(home.id); zoomTo(home.id); } else fit();
  const hash = decodeURIComponent(location.hash.slice(1));
  if (nodes.has(hash)) go(hash); else if (hash === "matrix" && data.matrix) view("matrix");
  window.argmapViewer = {show, go, refresh, view, zoomTo, fit, state: () => ({scale, x, y})};
})();
