// Shortens a long capability list as a person types (no inline scripts: the CSP allows 'self' only).
(function () {
  var filter = document.getElementById('capability-filter');
  var select = document.getElementById('capability');
  if (!filter || !select) {
    return;
  }
  filter.addEventListener('input', function () {
    var text = filter.value.toLowerCase();
    select.querySelectorAll('option').forEach(function (option) {
      option.hidden = text !== '' && option.textContent.toLowerCase().indexOf(text) < 0;
    });
  });
})();
