(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const canvas = document.getElementById("canvas");
  const svg = canvas.querySelector("svg");
  const panel = document.getElementById("panel");
  const nodes = new Map(data.nodes.map(n => [n.id, n]));
  const groups = new Map();
  svg.querySelectorAll("g.node").forEach(g => {
    const id = (g.id || "").replace(/^node-/, "");
    if (nodes.has(id)) { groups.set(id, g); g.dataset.id = id; }
  });
  // pan and zoom
  let scale = 1, x = 0, y = 0, drag = null;
  function apply() { svg.style.transform = `translate(${x}px, ${y}px) scale(${scale})`; }
  function fit() {
    const box = canvas.getBoundingClientRect();
    const w = svg.width.baseVal.value || svg.getBBox().width, h = svg.height.baseVal.value || svg.getBBox().height;
    scale = Math.min(box.width / w, box.height / h, 1); x = (box.width - w * scale) / 2; y = 0; apply();
  }
  canvas.addEventListener("wheel", e => {
    e.preventDefault();
    const r = canvas.getBoundingClientRect(), px = e.clientX - r.left, py = e.clientY - r.top;
    const f = Math.exp(-e.deltaY * 0.0015), s = Math.min(8, Math.max(0.05, scale * f));
    x = px - (px - x) * (s / scale); y = py - (py - y) * (s / scale); scale = s; apply();
  }, {passive: false});
  canvas.addEventListener("mousedown", e => { drag = {x: e.clientX - x, y: e.clientY - y, moved: false}; canvas.classList.add("dragging"); });
  window.addEventListener("mousemove", e => { if (drag) { x = e.clientX - drag.x; y = e.clientY - drag.y; drag.moved = true; apply(); } });
  window.addEventListener("mouseup", () => { canvas.classList.remove("dragging"); setTimeout(() => { drag = null; }, 0); });
  document.getElementById("reset").addEventListener("click", fit);
  // details
  function text(tag, content, cls) { const el = document.createElement(tag); el.textContent = content; if (cls) el.className = cls; return el; }
  function show(id) {
    const n = nodes.get(id); if (!n) return;
    panel.replaceChildren();
    panel.append(text("p", [n.kind, n.status, n.stance, n.type, n.date].filter(Boolean).join(" · "), "kind"));
    panel.append(text("h2", n.text));
    if (n.zh) panel.append(text("p", n.zh, "zh"));
    for (const q of n.quotes) { const b = text("blockquote", q.text); b.append(text("span", q.locator, "loc")); panel.append(b); }
    if (n.notes.length) { const ul = document.createElement("ul"); n.notes.forEach(t => ul.append(text("li", t))); panel.append(ul); }
    panel.append(text("p", [n.id, n.source, n.section].filter(Boolean).join(" · "), "loc"));
    groups.forEach((g, key) => g.classList.toggle("hit", key === id));
  }
  svg.addEventListener("click", e => {
    if (drag && drag.moved) return;
    const g = e.target.closest("g.node"); if (g && g.dataset.id) { e.preventDefault(); show(g.dataset.id); }
  });
  // search and filters
  const search = document.getElementById("search"), count = document.getElementById("count");
  function refresh() {
    const q = search.value.trim().toLowerCase();
    const kinds = new Set([...document.querySelectorAll(".kind-filter:checked")].map(c => c.value));
    let shown = 0;
    groups.forEach((g, id) => {
      const n = nodes.get(id);
      const match = kinds.has(n.kind) && (!q || n.haystack.includes(q));
      g.classList.toggle("dim", !match); if (match) shown++;
    });
    svg.querySelectorAll("g.edge").forEach(e => e.classList.toggle("dim", q !== "" || kinds.size < data.kinds.length));
    count.textContent = `${shown} of ${groups.size} nodes`;
  }
  search.addEventListener("input", refresh);
  document.querySelectorAll(".kind-filter").forEach(c => c.addEventListener("change", refresh));
  data.nodes.forEach(n => { n.haystack = [n.id, n.text, n.zh || ""].concat(n.quotes.map(q => q.text), n.notes).join("\n").toLowerCase(); });
  fit(); refresh();
  window.argmapViewer = {show, refresh};
})();
