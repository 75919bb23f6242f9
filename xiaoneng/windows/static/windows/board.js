// The live board refreshes its rows every 30 seconds (no library needed).
(function () {
  var board = document.getElementById("board");
  if (!board) return;
  setInterval(function () {
    fetch(board.dataset.url, {credentials: "same-origin"}).then(function (r) {
      if (r.ok) return r.text();
    }).then(function (html) { if (html) board.innerHTML = html; });
  }, 30000);
})();
