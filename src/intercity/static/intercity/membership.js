/* Membership page: the timeline of activities (per month, stacked by kind), drawn again when the short
 * form brings back a new activities region; and the short form shows amount and currency only for the
 * kinds of activity that involve money (without JavaScript they are always shown). */
(function () {
  "use strict";
  let chart = null;

  function drawTimeline() {
    if (chart) { chart.dispose(); chart = null; }
    const data = IntercityCharts.readJSON("activity-timeline");
    const element = document.getElementById("activity-timeline-chart");
    if (!data || !element || !data.months.length || typeof echarts === "undefined") return;
    chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true },
      // Ten kinds of activity: ECharts' default palette has nine colours, so the tenth would repeat the first.
      color: ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#7f7f7f"],
      legend: { top: 0, type: "scroll" },
      grid: { left: 40, right: 16, top: 40, bottom: 40 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: data.months },
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (series) {
        return { type: "bar", stack: "kinds", name: series.label, data: series.values };
      }),
    });
  }

  function toggleAmountFields() {
    const kind = document.querySelector("[data-kinds-with-amount]");
    if (!kind) return;
    const withAmount = kind.dataset.kindsWithAmount.split(" ");
    const form = kind.form;
    const amount = form.querySelector("input[name=amount]");
    // A field stays in sight when the kind involves money, an amount was typed, or it shows an error.
    const show = withAmount.indexOf(kind.value) !== -1 || (amount && amount.value !== "");
    form.querySelectorAll(".amount-field").forEach(function (field) {
      field.hidden = !show && !field.classList.contains("has-error");
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-kinds-with-amount]")) toggleAmountFields();
  });
  // The short form's answer replaces the activities region (an outerHTML swap): draw its chart again.
  document.addEventListener("htmx:afterSettle", function () {
    drawTimeline();
    toggleAmountFields();
  });
  window.addEventListener("resize", function () { if (chart) chart.resize(); });
  drawTimeline();
  toggleAmountFields();
})();
