// The end of a provider sign-in in a popup: tell the page that opened it (our origin only, and over a
// BroadcastChannel when the provider's pages cut the opener link), then close. The page says it in words too.
(function () {
  'use strict';
  var result = document.querySelector('[data-quire-auth="signed-in"]');
  if (!result) return;
  var origin = result.getAttribute('data-origin') || window.location.origin;
  var message = { type: 'quire:signed-in' };
  try {
    if (window.opener && !window.opener.closed) window.opener.postMessage(message, origin);
  } catch (ignored) {
    // An opener on another origin now: the channel below still reaches our pages.
  }
  try {
    if (typeof BroadcastChannel === 'function') {
      var channel = new BroadcastChannel('quire-auth');
      channel.postMessage(message);
      channel.close();
    }
  } catch (ignored) {
    // No channel in this browser: the opener's message (or a reload of the post) has to do.
  }
  // Browsers close only windows a script opened: a full-page sign-in stays and shows its link back.
  if (window.opener || window.name === 'quire-auth') window.close();
})();
