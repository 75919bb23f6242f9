// The unread count beside "Notifications" in the top navigation, fetched after the page has
// loaded so that rendering a page costs no extra query. Without JavaScript the link still works.
(function () {
  "use strict";
  var link = document.getElementById("nav-notifications");
  if (!link || !window.fetch) { return; }
  fetch(link.getAttribute("data-unread-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.unread) { return; }
      var badge = link.querySelector(".badge");
      badge.textContent = data.unread > 99 ? "99+" : String(data.unread);
      badge.hidden = false;
    })
    .catch(function () { /* the count is a convenience; the inbox itself is always there */ });
})();
