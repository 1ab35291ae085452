// Nomination form: list only the award types usable for the chosen nominee kind (the server checks again).
// By default only those the campaign's issuer decides itself; those it may only propose to a superior level
// (data-upward) appear when "Hiện toàn bộ danh mục" is ticked.
(function () {
  var kind = document.getElementById("id_nominee_kind");
  var award = document.getElementById("id_award_type");
  if (!kind || !award) return;
  var all = null;
  if (award.querySelector("option[data-upward]")) {
    var wrap = document.createElement("div");
    wrap.className = "form-check mt-1";
    wrap.id = "award-catalogue-toggle";
    wrap.innerHTML =
      '<input class="form-check-input" type="checkbox" id="award-show-all">' +
      '<label class="form-check-label small" for="award-show-all">Hiện toàn bộ danh mục (cả danh hiệu, hình thức do cấp trên quyết định)</label>';
    award.insertAdjacentElement("afterend", wrap);
    all = wrap.querySelector("input");
    // A stored choice that is only proposed upward keeps the full list open.
    var current = award.options[award.selectedIndex];
    all.checked = !!(current && current.hasAttribute("data-upward"));
    all.addEventListener("change", filter);
  }
  function filter() {
    var chosen = kind.value;
    var showAll = !all || all.checked;
    award.querySelectorAll("option[data-kinds]").forEach(function (option) {
      var usable = !chosen || option.getAttribute("data-kinds").split(" ").indexOf(chosen) !== -1;
      if (!showAll && option.hasAttribute("data-upward")) usable = false;
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

// "Chọn từ danh sách đăng ký thi đua": a registered person or collective fills the nominee's fields (editable after).
(function () {
  var picker = document.getElementById("id_registered");
  if (!picker) return;
  var fields = {
    kind: "id_nominee_kind",
    organization: "id_organization",
    name: "id_full_name",
    position: "id_position",
    gender: "id_gender",
    ethnicity: "id_ethnicity",
    "birth-year": "id_birth_year",
    unit: "id_unit_name",
    award: "id_award_type",
  };
  picker.addEventListener("change", function () {
    var option = picker.options[picker.selectedIndex];
    if (!option || !option.value) return;
    Object.keys(fields).forEach(function (key) {
      var input = document.getElementById(fields[key]);
      if (!input || !option.hasAttribute("data-" + key)) return;
      input.value = option.getAttribute("data-" + key);
      input.dispatchEvent(new Event("change"));
    });
  });
})();
