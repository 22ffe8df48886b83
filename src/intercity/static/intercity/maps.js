/* Maps without a tile server: Leaflet over the Natural Earth country shapes of world-atlas (offline).
 *
 *   const map = await IntercityMap.create(element);          // world base map
 *   IntercityMap.points(map, [{lat, lon, label, url}], {fit: true});
 *   IntercityMap.lines(map, [{from: [lat, lon], to: [lat, lon], label}]);
 *   IntercityMap.compactPoints(map, [[lat, lon], ...], {fit: true});   // thousands of points, on canvas
 *   IntercityMap.cells(map, [[lat, lon, count], ...], {unit: "governments"}); // aggregated circles
 *
 * Needs leaflet.js, topojson-client.min.js and the static URL of countries-110m.json in
 * document.body.dataset.worldAtlas (set by base.html).
 */
(function () {
  "use strict";
  let shapes = null;

  async function countryShapes() {
    if (!shapes) {
      const response = await fetch(document.body.dataset.worldAtlas);
      const topology = await response.json();
      shapes = topojson.feature(topology, topology.objects.countries);
    }
    return shapes;
  }

  async function create(element, options = {}) {
    const map = L.map(element, {
      worldCopyJump: true,
      minZoom: 1,
      maxZoom: 12,
      attributionControl: true,
      ...options,
    }).setView(options.center || [20, 0], options.zoom || 2);
    map.attributionControl.addAttribution("Natural Earth");
    L.geoJSON(await countryShapes(), {
      style: { color: "#8c96a3", weight: 0.6, fillColor: "#eef1f4", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
    return map;
  }

  function points(map, items, { fit = false, radius = 4, color = "#0b5cad" } = {}) {
    const layer = L.featureGroup();
    for (const item of items) {
      if (item.lat == null || item.lon == null) continue;
      const marker = L.circleMarker([item.lat, item.lon], {
        radius: item.radius || radius, color, weight: 1, fillOpacity: 0.7,
      });
      if (item.label) {
        const text = document.createElement("span");
        if (item.url) {
          const link = document.createElement("a");
          link.href = item.url;
          link.textContent = item.label;
          text.appendChild(link);
        } else {
          text.textContent = item.label;
        }
        marker.bindPopup(text);
      }
      marker.addTo(layer);
    }
    layer.addTo(map);
    if (fit && layer.getLayers().length) map.fitBounds(layer.getBounds(), { maxZoom: 8, padding: [20, 20] });
    return layer;
  }

  function lines(map, items, { color = "#c2410c", weight = 1.2 } = {}) {
    const layer = L.featureGroup();
    for (const item of items) {
      const line = L.polyline([item.from, item.to], { color, weight, opacity: 0.6 });
      if (item.label) line.bindTooltip(item.label);
      line.addTo(layer);
    }
    layer.addTo(map);
    return layer;
  }

  // Thousands of members (Covenant of Mayors: ~11,000): compact [lat, lon] pairs drawn on one canvas,
  // without popups, which SVG markers could not draw smoothly.
  function compactPoints(map, items, { fit = false, radius = 2.5, color = "#0b5cad" } = {}) {
    const renderer = L.canvas({ padding: 0.5 });
    const layer = L.featureGroup();
    for (const item of items) {
      L.circleMarker(item, { renderer, radius, color, weight: 0.5, fillOpacity: 0.5, interactive: false }).addTo(layer);
    }
    layer.addTo(map);
    // Zoom 6 at most: the 1:110m country shapes turn coarse beyond.
    if (fit && items.length) map.fitBounds(coreBounds(items), { maxZoom: 6, padding: [20, 20] });
    return layer;
  }

  // The bounds of the central 96 % of the points, so that a few far-away members (an overseas
  // territory) do not zoom a European network out to the whole world.
  function coreBounds(items) {
    const quantile = (values, q) => values[Math.min(values.length - 1, Math.max(0, Math.round(q * (values.length - 1))))];
    const lats = items.map((item) => item[0]).sort((a, b) => a - b);
    const lons = items.map((item) => item[1]).sort((a, b) => a - b);
    const cut = items.length > 50 ? 0.02 : 0;
    return L.latLngBounds([quantile(lats, cut), quantile(lons, cut)], [quantile(lats, 1 - cut), quantile(lons, 1 - cut)]);
  }

  // Aggregated cells [lat, lon, count]: the circle's area grows with the count.
  function cells(map, items, { color = "#0b5cad", unit = "", maxRadius = 28 } = {}) {
    const layer = L.featureGroup();
    const format = new Intl.NumberFormat(document.documentElement.lang || "en");
    for (const [lat, lon, count] of items) {
      const radius = Math.min(maxRadius, 2.5 + Math.sqrt(count) * 1.3);
      L.circleMarker([lat, lon], { radius, color, weight: 1, fillOpacity: 0.45 })
        .bindTooltip(format.format(count) + (unit ? " " + unit : ""))
        .addTo(layer);
    }
    layer.addTo(map);
    return layer;
  }

  window.IntercityMap = { create, points, lines, compactPoints, cells };
})();
