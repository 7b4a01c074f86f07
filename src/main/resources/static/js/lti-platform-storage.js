// LTI Client Side postMessages, Platform Storage: keeps the OIDC state in the platform's
// frame when the browser may drop the tool's third-party cookie.
// put: at login, store the state, then go to the platform's auth endpoint.
// get: at launch, read the state back and confirm the launch with it.
// Messages go only to the platform's origin, and only its answers are believed.
(function () {
  'use strict';
  var root = document.getElementById('lti-storage');
  if (!root) {
    return;
  }
  var origin = root.getAttribute('data-origin');
  var targetName = root.getAttribute('data-target');
  var mode = root.getAttribute('data-mode');

  function storageFrame() {
    var parent = window.parent !== window ? window.parent : window.opener;
    if (!parent) {
      return null;
    }
    if (!targetName || targetName === '_parent') {
      return parent;
    }
    try {
      return parent.frames[targetName] || parent;
    } catch (e) {
      return parent;
    }
  }

  function send(message, onAnswer, onTimeout) {
    var frame = storageFrame();
    if (!frame) {
      onTimeout();
      return;
    }
    var id = 'lti-' + Math.random().toString(36).slice(2);
    var done = false;
    function listen(event) {
      if (event.origin !== origin || !event.data || event.data.message_id !== id) {
        return;
      }
      if (event.data.subject !== message.subject + '.response') {
        return;
      }
      done = true;
      window.removeEventListener('message', listen);
      onAnswer(event.data);
    }
    window.addEventListener('message', listen);
    message.message_id = id;
    frame.postMessage(message, origin);
    setTimeout(function () {
      if (!done) {
        window.removeEventListener('message', listen);
        onTimeout();
      }
    }, 3000);
  }

  if (mode === 'put') {
    var state = root.getAttribute('data-state');
    var next = root.getAttribute('data-next');
    var go = function () { window.location.assign(next); };
    send({ subject: 'lti.put_data', key: 'state_' + state, value: state }, go, go);
  } else if (mode === 'get') {
    var key = 'state_' + root.getAttribute('data-state-key');
    var status = document.getElementById('lti-storage-status');
    send({ subject: 'lti.get_data', key: key }, function (answer) {
      if (answer.error || typeof answer.value !== 'string') {
        status.textContent = 'Your learning platform does not hold this sign-in. Open the activity again from the course.';
        return;
      }
      var form = document.createElement('form');
      form.method = 'post';
      form.action = root.getAttribute('data-confirm');
      [['launch', root.getAttribute('data-launch')], ['state', answer.value]].forEach(function (pair) {
        var input = document.createElement('input');
        input.type = 'hidden';
        input.name = pair[0];
        input.value = pair[1];
        form.appendChild(input);
      });
      document.body.appendChild(form);
      form.submit();
    }, function () {
      status.textContent = 'Your browser blocked the sign-in inside the course and the learning platform did not '
        + 'answer. Open the activity in a new window from the course.';
    });
  }
})();
