// LTI Dynamic Registration §3.7: tell the platform the registration is finished, so it
// closes its dialog. The message carries nothing secret; targetOrigin '*' as the spec shows.
(function () {
  'use strict';
  var button = document.getElementById('lti-close');
  if (!button) {
    return;
  }
  button.addEventListener('click', function () {
    var platform = window.opener || (window.parent !== window ? window.parent : null);
    if (platform) {
      platform.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
    } else {
      window.close();
    }
  });
})();
