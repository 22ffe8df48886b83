/* Decision tools: the weights' controls (shares shown as the sliders move, direct or pairwise method, the
 * consistency ratio of the pairwise comparisons computed live) and the results' charts (ranked bars with
 * each criterion stacked, radar of two networks, sensitivity heat map, portfolio against the budget).
 *
 * The chart data sit in the results region (JSON in #decision-charts), which htmx replaces when a value
 * of the form changes: the charts are drawn again after each swap. Every chart has its figures in a table
 * on the page (the text alternative). ECharts and charts.js are loaded before this file.
 */
(function () {
  "use strict";
  const PALETTE = ["#0b5cad", "#c2410c", "#1a7f37", "#8250df", "#9a6700", "#0e7490", "#cf222e"];
  const KEEP = "#1a7f37";
  const JOIN = "#0b5cad";
  // Saaty's random consistency index by matrix size (as in intercity.analysis.mcda.weights).
  const RANDOM_INDEX = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
  let charts = [];

  // A round axis end (78.1 -> 79, 134,750 -> 140,000): ECharts prints an axis maximum as it is given.
  function niceCeiling(value) {
    if (!(value > 0)) return 0;
    const step = Math.pow(10, Math.floor(Math.log10(value)) - 1);
    return Math.ceil(value / step) * step;
  }

  function numberFormat(value, digits) {
    return new Intl.NumberFormat(document.documentElement.lang || "en", { maximumFractionDigits: digits || 0 }).format(value);
  }

  function init(element) {
    const chart = echarts.init(element, null, { renderer: "svg" });
    charts.push(chart);
    return chart;
  }

  // --- The form ---------------------------------------------------------------------------------------------

  function showShares() {
    const sliders = Array.from(document.querySelectorAll(".weight-slider"));
    const total = sliders.reduce((sum, slider) => sum + Number(slider.value || 0), 0);
    sliders.forEach(function (slider) {
      const output = document.querySelector('.weight-share[data-field="' + slider.name + '"]');
      if (!output) return;
      const share = total > 0 ? (100 * Number(slider.value || 0)) / total : 0;
      output.textContent = numberFormat(share) + " %";
    });
  }

  function showMethod() {
    const checked = document.querySelector('input[name="weight_method"]:checked');
    const method = checked ? checked.value : "direct";
    document.querySelectorAll("[data-method]").forEach(function (block) {
      block.hidden = block.dataset.method !== method;
    });
    if (method === "ahp") showConsistency();
  }

  function parseSaaty(text) {
    const parts = String(text).split("/");
    return parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(text);
  }

  /* The consistency ratio of the pairwise comparisons: principal eigenvalue by power iteration,
   * CI = (lambda - n) / (n - 1), CR = CI / RI(n). */
  function consistencyRatio(selects) {
    const names = [];
    selects.forEach(function (select) {
      [select.dataset.first, select.dataset.second].forEach(function (name) {
        if (names.indexOf(name) < 0) names.push(name);
      });
    });
    const n = names.length;
    if (n < 3) return 0;
    const matrix = names.map(() => names.map(() => 1));
    selects.forEach(function (select) {
      const i = names.indexOf(select.dataset.first);
      const j = names.indexOf(select.dataset.second);
      const value = parseSaaty(select.value) || 1;
      matrix[i][j] = value;
      matrix[j][i] = 1 / value;
    });
    let vector = names.map(() => 1 / n);
    let lambda = n;
    for (let step = 0; step < 100; step += 1) {
      const next = matrix.map((row) => row.reduce((sum, value, j) => sum + value * vector[j], 0));
      const total = next.reduce((sum, value) => sum + value, 0);
      lambda = next.reduce((sum, value, i) => sum + value / vector[i], 0) / n;
      vector = next.map((value) => value / total);
    }
    const index = (lambda - n) / (n - 1);
    return RANDOM_INDEX[n] ? Math.max(index, 0) / RANDOM_INDEX[n] : 0;
  }

  function showConsistency() {
    const selects = Array.from(document.querySelectorAll(".ahp-select"));
    const status = document.getElementById("ahp-consistency");
    if (!selects.length || !status) return;
    const ratio = consistencyRatio(selects);
    status.dataset.ratio = ratio.toFixed(4);
    status.textContent = status.dataset.label.replace("%(ratio)s", numberFormat(ratio, 3));
    const warning = document.getElementById("ahp-warning");
    if (warning) warning.hidden = ratio <= 0.1;
  }

  function setUpForm() {
    const form = document.getElementById("decision-form");
    if (!form) return;
    form.addEventListener("input", function (event) {
      if (event.target.classList.contains("weight-slider")) showShares();
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "weight_method") showMethod();
      if (event.target.classList.contains("ahp-select")) showConsistency();
    });
    showShares();
    showMethod();
  }

  // --- The charts --------------------------------------------------------------------------------------------

  // Bars and rows of the heat map get a fixed height each: the chart grows with the networks shown.
  function fitHeight(element, rows, { perRow = 28, extra = 80, least = 200 } = {}) {
    element.style.height = Math.max(least, extra + perRow * rows) + "px";
  }

  function ranking(element, data) {
    if (!data.ranking.length) return;
    fitHeight(element, data.ranking.length);
    const chart = init(element);
    chart.setOption({
      aria: { enabled: true },
      color: PALETTE,
      legend: { top: 0, type: "scroll" },
      grid: { left: 150, right: 24, top: 40, bottom: 24 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => numberFormat(v, 1) },
      xAxis: { type: "value", name: data.labels.score, max: function (extent) { return Math.ceil(extent.max / 10) * 10 || 10; } },
      yAxis: { type: "category", inverse: true, data: data.ranking.map((row) => row.name), axisLabel: { width: 140, overflow: "truncate" } },
      series: data.criteria.map(function (criterion, index) {
        return { type: "bar", stack: "score", name: criterion.label, data: data.ranking.map((row) => row.parts[index]), barMaxWidth: 22 };
      }),
    });
  }

  function radar(element, data) {
    const ids = Object.keys(data.radar);
    if (!ids.length) return;
    const first = document.getElementById("radar-a");
    const second = document.getElementById("radar-b");
    const chart = init(element);
    function draw() {
      const chosen = [first ? first.value : ids[0], second ? second.value : ids[1]].filter((id) => data.radar[id]);
      chart.setOption({
        aria: { enabled: true },
        color: [PALETTE[0], PALETTE[1]],
        legend: { bottom: 0, data: chosen.map((id) => data.radar[id].name) },
        tooltip: { trigger: "item" },
        radar: { indicator: data.criteria.map((criterion) => ({ name: criterion.label, max: 100 })), radius: "62%" },
        series: [{
          type: "radar",
          data: chosen.map((id) => ({ name: data.radar[id].name, value: data.radar[id].scores, areaStyle: { opacity: 0.12 } })),
        }],
      }, { replaceMerge: ["series"] });
    }
    [first, second].forEach(function (select) { if (select) select.addEventListener("change", draw); });
    draw();
  }

  function heatmap(element, data) {
    if (!data.heatmap.networks.length) return;
    fitHeight(element, data.heatmap.networks.length, { perRow: 26, extra: 140, least: 260 });
    const chart = init(element);
    chart.setOption({
      aria: { enabled: true },
      grid: { left: 150, right: 24, top: 16, bottom: 110 },
      tooltip: {
        formatter: function (params) {
          return data.heatmap.networks[params.value[1]] + "<br>" + data.criteria[params.value[0]].label + ": " + params.value[2] + " %";
        },
      },
      xAxis: { type: "category", data: data.criteria.map((criterion) => criterion.label), axisLabel: { interval: 0, rotate: 35 }, splitArea: { show: true } },
      yAxis: { type: "category", inverse: true, data: data.heatmap.networks, axisLabel: { width: 140, overflow: "truncate" }, splitArea: { show: true } },
      visualMap: { min: 0, max: 100, calculable: false, orient: "horizontal", left: "center", bottom: 0, text: ["100 %", "0 %"],
                   inRange: { color: ["#fff7ed", "#fdba74", "#c2410c"] } },
      series: [{ type: "heatmap", name: data.labels.share, data: data.heatmap.cells, label: { show: true, fontSize: 10 } }],
    });
  }

  function budgetBar(element, { keep, join, limit, limitLabel, unit, labels }) {
    const chart = init(element);
    const line = limit === null || limit === undefined ? [] : [{ xAxis: limit, name: limitLabel }];
    chart.setOption({
      aria: { enabled: true },
      legend: { top: 0 },
      grid: { left: 16, right: 48, top: 36, bottom: 28, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v) => numberFormat(v, 1) + " " + unit },
      xAxis: { type: "value", max: function (extent) { return niceCeiling(Math.max(extent.max, limit || 0) * 1.1) || 1; } },
      yAxis: { type: "category", data: [""] },
      series: [
        { type: "bar", stack: "total", name: labels.keep, data: [keep], itemStyle: { color: KEEP }, barMaxWidth: 40,
          markLine: { symbol: "none", lineStyle: { color: "#cf222e", width: 2, type: "solid" },
                      label: { formatter: limitLabel + ": " + numberFormat(limit || 0) }, data: line } },
        { type: "bar", stack: "total", name: labels.join, data: [join], itemStyle: { color: JOIN }, barMaxWidth: 40 },
      ],
    });
  }

  function draw() {
    charts.forEach((chart) => chart.dispose());
    charts = [];
    const data = IntercityCharts.readJSON("decision-charts");
    if (!data || typeof echarts === "undefined") return;
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      const kind = element.dataset.chart;
      if (kind === "ranking") ranking(element, data);
      else if (kind === "radar") radar(element, data);
      else if (kind === "heatmap") heatmap(element, data);
      else if (kind === "budget-fees") {
        budgetBar(element, { keep: data.budget.fees.keep, join: data.budget.fees.join, limit: data.budget.budget,
                             limitLabel: data.labels.budget, unit: data.budget.currency, labels: data.labels });
      } else if (kind === "budget-hours") {
        budgetBar(element, { keep: data.budget.hours.keep, join: data.budget.hours.join, limit: data.budget.hoursAvailable,
                             limitLabel: data.labels.available, unit: "h", labels: data.labels });
      }
    });
  }

  setUpForm();
  draw();
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "decision-results") draw();
  });
  window.addEventListener("resize", function () { charts.forEach((chart) => chart.resize()); });
})();
