/* Portfolio page: annual fee against engagement score, one scatter chart per currency (amounts in
 * different currencies are never drawn on one axis). The data sit in the results region, which the
 * filters replace through htmx, so the charts are drawn again after each swap. */
(function () {
  "use strict";
  const COLORS = { plain: "#0b5cad", flagged: "#c2410c" };
  let charts = [];

  function numberFormat(value) {
    return new Intl.NumberFormat(document.documentElement.lang || "en").format(value);
  }

  function draw() {
    charts.forEach(function (chart) { chart.dispose(); });
    charts = [];
    const data = IntercityCharts.readJSON("fee-scatter");
    if (!data || typeof echarts === "undefined") return;
    document.querySelectorAll(".fee-scatter").forEach(function (element) {
      const series = data[Number(element.dataset.index)];
      if (!series) return;
      const chart = echarts.init(element, null, { renderer: "svg" });
      charts.push(chart);
      const point = function (item) {
        return { value: [item.fee, item.score], name: item.name, flag: item.flag,
                 itemStyle: { color: item.flag ? COLORS.flagged : COLORS.plain } };
      };
      chart.setOption({
        aria: { enabled: true },
        grid: { left: 56, right: 24, top: 24, bottom: 48 },
        tooltip: {
          trigger: "item",
          formatter: function (params) {
            const flag = params.data.flag ? "<br>" + params.data.flag : "";
            return params.data.name + "<br>" + numberFormat(params.value[0]) + " " + series.currency +
              " · " + params.value[1] + flag;
          },
        },
        // Room beyond the dearest membership, so that its point is not drawn on the edge.
        xAxis: { type: "value", name: element.dataset.xLabel, nameLocation: "middle", nameGap: 30, min: 0,
                 max: function (extent) { return Math.ceil(extent.max * 1.15) || 1; },
                 axisLabel: { formatter: numberFormat } },
        yAxis: { type: "value", name: element.dataset.yLabel, min: 0, max: 100 },
        series: [{ type: "scatter", name: series.currency, symbolSize: 12, data: series.points.map(point) }],
      });
    });
  }

  draw();
  // The filters replace the results region, and the chart data with it.
  document.addEventListener("htmx:afterSettle", draw);
  window.addEventListener("resize", function () { charts.forEach(function (chart) { chart.resize(); }); });
})();
