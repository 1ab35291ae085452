// Nomination form: list only the award types usable for the chosen nominee kind (the server checks again).
(function () {
  var kind = document.getElementById("id_nominee_kind");
  var award = document.getElementById("id_award_type");
  if (!kind || !award) return;
  function filter() {
    var chosen = kind.value;
    award.querySelectorAll("option[data-kinds]").forEach(function (option) {
      var usable = !chosen || option.getAttribute("data-kinds").split(" ").indexOf(chosen) !== -1;
      option.hidden = !usable;
      option.disabled = !usable;
      if (!usable && option.selected) award.value = "";
    });
    award.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
  }
  kind.addEventListener("change", filter);
  filter();
})();
