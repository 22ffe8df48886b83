/* The twinning explorer: the map of the filtered links, the government picker and the ego-network graph.
 *
 * The map is drawn once; after each htmx swap of the results region its lines are replaced from the
 * new #twinning-lines data. The Cytoscape instance is kept on window.intercityEgo.cy (tests use it).
 */
(function () {
  "use strict";
  const PALETTE = [
    "#0b5cad", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d",
    "#4d7c0f", "#1d4ed8", "#9a3412", "#047857",
  ];
  const OTHER = "#8c96a3";
  const state = (window.intercityEgo = { cy: null, map: null, lines: null });

  function data(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  let mapReady = null;
  function ensureMap() {
    const element = document.getElementById("twinning-explorer-map");
    if (!element) return Promise.resolve(null);
    if (!mapReady) {
      mapReady = IntercityMap.create(element, { preferCanvas: true }).then((map) => {
        state.map = map;
        return map;
      });
    }
    return mapReady;
  }

  async function drawLines() {
    const map = await ensureMap();
    if (!map) return;
    const rows = data("twinning-lines") || [];
    if (state.lines) state.lines.remove();
    const renderer = L.canvas({ padding: 0.5 });
    const layer = L.featureGroup();
    for (const [latA, lonA, latB, lonB, label] of rows) {
      const line = L.polyline(
        [[latA, lonA], [latB, lonB]],
        { renderer, color: "#c2410c", weight: 1, opacity: rows.length > 500 ? 0.35 : 0.6 },
      );
      line.bindTooltip(label);
      line.addTo(layer);
    }
    layer.addTo(map);
    state.lines = layer;
    if (rows.length) map.fitBounds(layer.getBounds(), { maxZoom: 6, padding: [20, 20] });
    map.getContainer().dataset.lines = String(rows.length);
  }

  function colourFor(countries) {
    // The most frequent countries get a colour each; the others share grey.
    const counts = new Map();
    for (const code of countries) counts.set(code, (counts.get(code) || 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code]) => code);
    const colours = new Map(ranked.slice(0, PALETTE.length).map((code, index) => [code, PALETTE[index]]));
    return { colour: (code) => colours.get(code) || OTHER, colours };
  }

  let drawing = 0;
  async function drawEgo() {
    // Only the latest call draws: a second swap while the first graph is being fetched wins.
    const generation = ++drawing;
    const element = document.getElementById("ego-graph");
    if (!element) {
      if (state.cy) state.cy.destroy();
      state.cy = null;
      return;
    }
    const response = await fetch(element.dataset.url, { headers: { Accept: "application/json" } });
    if (!response.ok || generation !== drawing) return;
    const payload = await response.json();
    if (generation !== drawing) return;
    if (state.cy) state.cy.destroy();
    const nodes = payload.elements.nodes;
    const { colour, colours } = colourFor(nodes.map((node) => node.data.country));
    const names = new Map(nodes.map((node) => [node.data.country, node.data.country_name]));
    for (const node of nodes) node.data.colour = colour(node.data.country);
    state.cy = cytoscape({
      container: element,
      elements: payload.elements,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            label: "data(label)",
            "font-size": 9,
            // Labels of the outer ring appear when zooming in, so the first view stays readable.
            "min-zoomed-font-size": 8,
            color: "#1b1f24",
            "text-valign": "bottom",
            "text-margin-y": 2,
            width: 10,
            height: 10,
          },
        },
        { selector: "node[depth = 1]", style: { width: 16, height: 16, "border-width": 2, "border-color": "#1b1f24", "font-size": 11 } },
        { selector: "node[depth = 0]", style: { width: 28, height: 28, "font-size": 14, "font-weight": "bold", "border-width": 3, "border-color": "#f5a623" } },
        { selector: "edge", style: { width: 1, "line-color": "#b8c0ca", opacity: 0.8 } },
      ],
      layout: {
        name: nodes.length > 40 ? "cose" : "concentric",
        concentric: (node) => 3 - node.data("depth"),
        levelWidth: () => 1,
        animate: false,
        randomize: false,
        nodeRepulsion: () => 9000,
        idealEdgeLength: () => 60,
        numIter: 1500,
        padding: 20,
      },
    });
    // A graph of a few nodes would be fitted at a giant zoom: keep it at a readable size.
    if (state.cy.zoom() > 1.3) {
      state.cy.zoom(1.3);
      state.cy.center();
    }
    state.cy.one("render", () => {
      element.dataset.rendered = "true";
    });
    state.cy.on("tap", "node", (event) => {
      const url = event.target.data("url");
      if (url) window.location.assign(url);
    });
    element.dataset.nodes = String(nodes.length);
    const summary = document.getElementById("ego-summary");
    if (summary && payload.truncated) summary.textContent = element.dataset.truncatedText || "";
    const legend = document.getElementById("ego-legend");
    if (legend) legend.style.cssText = "list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem";
    if (legend) {
      legend.replaceChildren();
      for (const [code, hex] of colours) {
        const item = document.createElement("li");
        const swatch = document.createElement("span");
        swatch.setAttribute("aria-hidden", "true");
        swatch.style.cssText = `display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;background:${hex}`;
        item.append(swatch, names.get(code) || code || "?");
        legend.append(item);
      }
    }
  }

  function setUpPicker() {
    const picker = document.getElementById("government-picker");
    const form = document.getElementById("twinning-filters");
    if (!picker || !form) return;
    const hidden = form.querySelector("input[name=government]");
    function choose() {
      const options = document.querySelectorAll("#government-options option");
      const match = [...options].find((option) => option.value === picker.value);
      if (match && hidden) {
        // "input" and the "change" that follows the blur both land here: submit once.
        if (hidden.value === match.dataset.id) return;
        hidden.value = match.dataset.id;
        picker.blur();
        htmx.trigger(form, "submit");
      } else if (!picker.value && hidden && hidden.value) {
        hidden.value = "";
        htmx.trigger(form, "submit");
      }
    }
    picker.addEventListener("change", choose);
    picker.addEventListener("input", () => {
      // Choosing from the datalist fires "input" with the whole option text.
      if ([...document.querySelectorAll("#government-options option")].some((o) => o.value === picker.value)) choose();
    });
  }

  function refresh() {
    drawLines();
    drawEgo();
  }

  function start() {
    setUpPicker();
    refresh();
    document.body.addEventListener("htmx:afterSettle", (event) => {
      if (event.detail.target && event.detail.target.id === "results") refresh();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
