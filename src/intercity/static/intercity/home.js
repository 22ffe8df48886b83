/* Home page: the world map of members and twinned governments, and the charts of networks. */
(function () {
  "use strict";
  const charts = IntercityCharts.readJSON("home-charts");
  if (charts) {
    const heading = (id) => document.getElementById(id + "-title")?.textContent || "";
    IntercityCharts.bars(document.getElementById("chart-kind"), charts.kind, { name: heading("chart-kind") });
    IntercityCharts.bars(document.getElementById("chart-decade"), charts.decade, { name: heading("chart-decade") });
    IntercityCharts.bars(document.getElementById("chart-theme"), charts.theme, { horizontal: true, name: heading("chart-theme") });
  }

  const element = document.getElementById("home-map");
  const data = IntercityCharts.readJSON("home-map-data");
  if (!element || !data) return;
  IntercityMap.create(element).then(function (map) {
    const count = element.dataset.labelCount;
    const layer = function (cells, color) {
      return IntercityMap.cells(map, cells, { color, unit: count });
    };
    const twinnings = layer(data.twinnings, "#c2410c");
    const members = layer(data.members, "#0b5cad");
    const overlays = {};
    overlays[element.dataset.labelMembers] = members;
    overlays[element.dataset.labelTwinnings] = twinnings;
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
  });
})();
