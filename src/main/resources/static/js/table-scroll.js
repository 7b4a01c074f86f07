// Wide tables scroll inside a region of their own, so the page itself never scrolls
// sideways (phones): the region is named after the table's caption and, when it does
// scroll, reachable with the keyboard. Tables shown as cards on phones are left alone.
(function () {
  var regions = [];
  document.querySelectorAll('table.govuk-table').forEach(function (table) {
    if (table.closest('.app-table-scroll, .app-matrix-scroll') || table.classList.contains('app-cards')) {
      return;
    }
    var caption = table.querySelector('caption');
    var region = document.createElement('div');
    region.className = 'app-table-scroll';
    region.setAttribute('role', 'region');
    region.setAttribute('aria-label', ((caption && caption.textContent.trim()) || 'Table') + ' (scrolls)');
    table.parentNode.insertBefore(region, table);
    region.appendChild(table);
    regions.push(region);
  });
  function focusable() {
    regions.forEach(function (region) {
      var scrolls = region.scrollWidth > region.clientWidth || region.scrollHeight > region.clientHeight;
      if (scrolls) {
        region.setAttribute('tabindex', '0');
      } else {
        region.removeAttribute('tabindex');
      }
    });
  }
  focusable();
  window.addEventListener('resize', focusable);
})();
