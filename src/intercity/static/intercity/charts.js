/* ECharts helpers (ECharts is loaded by the pages that draw charts). Every chart also has its figures in
 * an HTML table beside it, which is the text alternative for screen readers.
 *
 *   IntercityCharts.bars(element, {labels, values}, {horizontal: false, name: "Networks"});
 *   IntercityCharts.joinsPerYear(element, {years, joined, cumulative}, {joinedLabel, totalLabel});
 */
(function () {
  "use strict";
  const ACCENT = "#0b5cad";
  const SECOND = "#c2410c";
  const charts = [];

  function init(element) {
    const chart = echarts.init(element, null, { renderer: "svg" });
    charts.push(chart);
    return chart;
  }

  function numberFormat(value) {
    return new Intl.NumberFormat(document.documentElement.lang || "en").format(value);
  }

  function bars(element, data, { horizontal = false, name = "", color = ACCENT, suffix = "" } = {}) {
    if (!element || !data || !data.labels.length) return null;
    const chart = init(element);
    const categoryAxis = {
      type: "category",
      data: data.labels,
      axisLabel: horizontal ? { width: 180, overflow: "truncate" } : { interval: 0, rotate: data.labels.length > 6 ? 35 : 0 },
      inverse: horizontal,
    };
    const valueAxis = { type: "value", minInterval: 1, axisLabel: { formatter: (v) => numberFormat(v) + suffix } };
    chart.setOption({
      aria: { enabled: true },
      grid: { left: horizontal ? 190 : 48, right: 24, top: 16, bottom: horizontal ? 24 : 64 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => numberFormat(v) + suffix },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [{ type: "bar", name, data: data.values, itemStyle: { color }, barMaxWidth: 48 }],
    });
    return chart;
  }

  function joinsPerYear(element, data, { joinedLabel = "Joined", totalLabel = "Total" } = {}) {
    if (!element || !data || !data.years.length) return null;
    const chart = init(element);
    chart.setOption({
      aria: { enabled: true },
      legend: { data: [joinedLabel, totalLabel], top: 0 },
      grid: { left: 56, right: 64, top: 36, bottom: 32 },
      tooltip: { trigger: "axis", valueFormatter: (v) => numberFormat(v) },
      xAxis: { type: "category", data: data.years.map(String) },
      yAxis: [
        { type: "value", name: joinedLabel, minInterval: 1, axisLabel: { formatter: numberFormat } },
        { type: "value", name: totalLabel, minInterval: 1, axisLabel: { formatter: numberFormat }, splitLine: { show: false } },
      ],
      series: [
        { type: "bar", name: joinedLabel, data: data.joined, itemStyle: { color: ACCENT } },
        { type: "line", name: totalLabel, yAxisIndex: 1, data: data.cumulative, itemStyle: { color: SECOND }, showSymbol: false },
      ],
    });
    return chart;
  }

  function readJSON(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  window.addEventListener("resize", function () { charts.forEach((chart) => chart.resize()); });
  window.IntercityCharts = { bars, joinsPerYear, readJSON };
})();
