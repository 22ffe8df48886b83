/* The government, place and country pages: membership timeline, twinning map, member map, bar charts.
 *
 * Each part draws only when its data (a json_script element) is on the page. The chart and map
 * instances are kept on window.intercityGovernment so that tests (and curious people) can inspect them.
 */
(function () {
  "use strict";
  const language = document.documentElement.lang || "en";
  const numbers = new Intl.NumberFormat(language);
  const years = new Intl.DateTimeFormat(language, { year: "numeric" });
  const state = (window.intercityGovernment = {});

  function data(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function escape(text) {
    const span = document.createElement("span");
    span.textContent = text == null ? "" : String(text);
    return span.innerHTML;
  }

  function resizeWith(chart) {
    window.addEventListener("resize", () => chart.resize());
  }

  function drawTimeline() {
    const element = document.getElementById("membership-timeline");
    const bars = data("timeline-data");
    if (!element || !bars || !bars.length) return;
    element.style.height = `${Math.max(140, 34 * bars.length + 70)}px`;
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const labels = bars.map((bar) => bar.network);
    chart.setOption({
      animation: false,
      grid: { left: 12, right: 24, top: 12, bottom: 36, containLabel: true },
      xAxis: {
        type: "time",
        axisLabel: { formatter: (value) => years.format(new Date(value)) },
        splitLine: { show: true },
      },
      yAxis: { type: "category", data: labels, inverse: true, axisTick: { show: false } },
      tooltip: {
        formatter: (item) => {
          const bar = bars[item.dataIndex];
          const until = bar.ongoing ? element.dataset.today || "…" : bar.left;
          return `<strong>${escape(bar.network_name)}</strong><br>${escape(bar.status)}<br>${escape(bar.joined)} – ${escape(until)}`;
        },
      },
      series: [
        {
          type: "custom",
          encode: { x: [1, 2], y: 0 },
          data: bars.map((bar, index) => ({
            value: [index, bar.start, bar.end],
            itemStyle: { color: bar.ongoing ? "#0b5cad" : "#8c96a3", opacity: bar.year_precision ? 0.75 : 1 },
          })),
          renderItem: (params, api) => {
            const row = api.value(0);
            const start = api.coord([api.value(1), row]);
            const end = api.coord([api.value(2), row]);
            const height = api.size([0, 1])[1] * 0.55;
            const shape = echarts.graphic.clipRectByRect(
              { x: start[0], y: start[1] - height / 2, width: Math.max(2, end[0] - start[0]), height },
              {
                x: params.coordSys.x,
                y: params.coordSys.y,
                width: params.coordSys.width,
                height: params.coordSys.height,
              },
            );
            return shape && { type: "rect", transition: [], shape, style: api.style() };
          },
        },
      ],
    });
    resizeWith(chart);
    state.timeline = chart;
  }

  async function drawTwinningMap() {
    const element = document.getElementById("twinning-map");
    const payload = data("twinning-map-data");
    if (!element || !payload) return;
    const map = await IntercityMap.create(element, { preferCanvas: true });
    const lines = IntercityMap.lines(map, payload.lines);
    const partners = IntercityMap.points(map, payload.points, { radius: 4 });
    const bounds = partners.getBounds();
    if (payload.origin) {
      const origin = L.circleMarker(payload.origin, {
        radius: 7, color: "#7c2d12", weight: 2, fillColor: "#f97316", fillOpacity: 1,
      }).addTo(map);
      if (element.dataset.label) origin.bindTooltip(element.dataset.label);
      bounds.extend(payload.origin);
    }
    if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 6, padding: [20, 20] });
    state.twinningMap = map;
    state.twinningLines = lines.getLayers().length;
    element.dataset.drawn = "true";
  }

  async function drawMemberMap() {
    const element = document.getElementById("government-map");
    const rows = data("government-points");
    if (!element || !rows || !rows.length) return;
    const urlPattern = element.dataset.governmentUrl; // ends in /0/
    const items = rows.map(([lat, lon, id, name]) => ({
      lat, lon, label: name, url: urlPattern.replace(/\/0\/$/, `/${id}/`),
    }));
    const map = await IntercityMap.create(element, { preferCanvas: true });
    IntercityMap.points(map, items, { fit: true, radius: 3 });
    state.memberMap = map;
    element.dataset.drawn = "true";
  }

  function drawBars(elementId, dataId, color) {
    const element = document.getElementById(elementId);
    const rows = data(dataId);
    if (!element || !rows || !rows.length) return;
    element.style.height = `${Math.max(160, 26 * rows.length + 50)}px`;
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: { left: 12, right: 36, top: 8, bottom: 24, containLabel: true },
      xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (value) => numbers.format(value) } },
      yAxis: {
        type: "category",
        inverse: true,
        data: rows.map((row) => row.label),
        axisLabel: { width: 220, overflow: "truncate" },
      },
      tooltip: { valueFormatter: (value) => numbers.format(value) },
      series: [
        {
          type: "bar",
          data: rows.map((row) => row.value),
          itemStyle: { color },
          label: { show: true, position: "right", formatter: (item) => numbers.format(item.value) },
        },
      ],
    });
    resizeWith(chart);
    state[elementId] = chart;
  }

  function start() {
    drawTimeline();
    drawBars("network-chart", "network-chart-data", "#0b5cad");
    drawBars("partner-chart", "partner-chart-data", "#c2410c");
    drawTwinningMap();
    drawMemberMap();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
