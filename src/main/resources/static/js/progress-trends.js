// Draws each trend chart from the data table under it (the table is what assistive
// technology reads; the canvas is hidden from it). Lines differ by dash as well as colour.
(function () {
  if (typeof Chart === 'undefined') {
    return;
  }
  var colours = ['#005eb8', '#d5281b', '#007f3b', '#7c2855', '#ed8b00', '#330072', '#00a499', '#425563', '#ae2573', '#006747'];
  var dashes = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 2]];
  document.querySelectorAll('canvas[data-table]').forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute('data-table'));
    if (!table) {
      return;
    }
    var labels = Array.prototype.slice.call(table.querySelectorAll('thead th')).slice(1).map(function (th) {
      return th.textContent.trim();
    });
    var datasets = Array.prototype.map.call(table.querySelectorAll('tbody tr'), function (row, i) {
      return {
        label: row.querySelector('th').textContent.trim(),
        data: Array.prototype.map.call(row.querySelectorAll('td'), function (td) {
          return Number(td.getAttribute('data-percent'));
        }),
        borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length],
        borderDash: dashes[i % dashes.length],
        tension: 0.2
      };
    });
    if (datasets.length === 0) {
      canvas.parentNode.hidden = true;
      return;
    }
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '% of learners' } } },
        plugins: { legend: { position: 'bottom' } }
      }
    });
    canvas.setAttribute('data-drawn', 'true');
  });
})();
