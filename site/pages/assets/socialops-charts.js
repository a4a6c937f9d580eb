// Draws each chart of the page (figure.so-chart) with plotly.js, from the JSON the page
// carries beside it (socialops.site.charts). Loaded after plotly.min.js, both deferred.
// Without scripts the chart stays hidden and its data table and CSV link still show.
(function () {
  "use strict";
  var PALETTE = ["#3f51b5", "#ff9800", "#009688", "#e91e63", "#795548", "#607d8b", "#8bc34a", "#9c27b0"];

  function traces(spec) {
    var x = spec.rows.map(function (row) { return row[0]; });
    if (spec.kind === "scatter") {
      return [{
        type: "scatter", mode: "markers", name: spec.columns[1], x: x,
        y: spec.rows.map(function (row) { return row[1]; }),
        text: spec.columns.length > 2 ? spec.rows.map(function (row) { return row[2]; }) : undefined,
        marker: { color: PALETTE[0], size: 9 },
        hovertemplate: spec.columns[0] + ": %{x}<br>" + spec.columns[1] + ": %{y}" +
          (spec.unit === "percent" ? " %" : "") + (spec.columns.length > 2 ? "<br>%{text}" : "") + "<extra></extra>"
      }];
    }
    var series = spec.columns.slice(1, spec.plotted ? spec.plotted + 1 : undefined);
    return series.map(function (name, index) {
      var trace = {
        type: spec.kind === "bar" ? "bar" : "scatter", name: name, x: x,
        y: spec.rows.map(function (row) { return row[index + 1]; }),
        marker: { color: PALETTE[index % PALETTE.length] }
      };
      if (spec.kind === "line") { trace.mode = "lines+markers"; trace.connectgaps = false; }
      return trace;
    });
  }

  function draw(plot) {
    var data = document.getElementById(plot.getAttribute("data-chart"));
    if (!data || typeof Plotly === "undefined") { return; }
    var spec = JSON.parse(data.textContent);
    var layout = {
      margin: { l: 56, r: 16, t: 8, b: 48 }, height: 320, barmode: "group",
      showlegend: spec.kind !== "scatter" && spec.columns.length > 2,
      legend: { orientation: "h", y: -0.2 },
      xaxis: { title: { text: spec.kind === "scatter" ? spec.columns[0] : "" }, automargin: true },
      yaxis: { title: { text: spec.kind === "scatter" ? spec.columns[1] : "" }, ticksuffix: spec.unit === "percent" ? " %" : "",
               rangemode: "tozero", automargin: true },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)"
    };
    var first = spec.rows.length ? String(spec.rows[0][0]) : "";
    if (/^\d{4}-\d{2}-\d{2}$/.test(first)) {
      // days and weeks: every k-th of them as a tick, written the same in every language
      var step = Math.max(1, Math.ceil(spec.rows.length / 8));
      layout.xaxis.type = "date";
      layout.xaxis.tickformat = "%m-%d";
      layout.xaxis.tickvals = spec.rows.filter(function (row, index) { return index % step === 0; })
        .map(function (row) { return row[0]; });
    } else if (/^\d{4}-\d{2}$/.test(first)) {
      layout.xaxis.type = "category";  // months: one tick each, not a date axis's guesses
    }
    var drawn = traces(spec);
    if (spec.kind === "line" && drawn.length === 2) {
      // two series of different sizes (impressions and engagements): the second on its own axis, right
      drawn[1].yaxis = "y2";
      layout.yaxis2 = { overlaying: "y", side: "right", rangemode: "tozero", showgrid: false,
                        title: { text: spec.columns[2] }, automargin: true };
      layout.yaxis.title = { text: spec.columns[1] };
    }
    plot.hidden = false;
    Plotly.newPlot(plot, drawn, layout, { displayModeBar: false, displaylogo: false, responsive: true });
  }

  var plots = document.querySelectorAll(".so-chart__plot[data-chart]");
  for (var i = 0; i < plots.length; i++) { draw(plots[i]); }
})();
