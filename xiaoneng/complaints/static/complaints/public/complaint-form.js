/* Progressive enhancement only: the form works the same without this file.
   1. A search box that filters the long list of units.
   2. Name and phone shown only for a real-name report.
   Plain ES5 and DOM calls, so WeChat's and older phone browsers run it. */
(function () {
  var select = document.getElementById("id_accused_unit");
  if (select) {
    var all = [];
    var groups = select.getElementsByTagName("optgroup");
    for (var g = 0; g < groups.length; g++) {
      var options = groups[g].getElementsByTagName("option");
      for (var o = 0; o < options.length; o++) { all.push({group: groups[g], option: options[o]}); }
    }
    var box = document.createElement("input");
    box.type = "search";
    box.className = "unit-filter";
    box.id = "unit-filter";
    box.setAttribute("placeholder", select.getAttribute("data-filter-placeholder") || "");
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var term = box.value.replace(/\s+/g, "");
      var shown = {};
      for (var i = 0; i < all.length; i++) {
        var hit = !term || all[i].option.text.indexOf(term) !== -1 || all[i].group.label.indexOf(term) !== -1;
        all[i].option.hidden = !hit;
        all[i].option.disabled = !hit && !all[i].option.selected;
        if (hit) { shown[all[i].group.label] = true; }
      }
      for (var k = 0; k < groups.length; k++) { groups[k].hidden = !shown[groups[k].label]; }
    });
  }
  var identity = document.getElementById("identity");
  var radios = document.getElementsByName("anonymous");
  function sync() {
    var anonymous = true;
    for (var r = 0; r < radios.length; r++) { if (radios[r].checked) { anonymous = radios[r].value === "1"; } }
    if (identity) { identity.hidden = anonymous; }
  }
  for (var r = 0; r < radios.length; r++) { radios[r].addEventListener("change", sync); }
  sync();
})();
