// fuspath pages: a little on top of pages that work without it. Copy buttons for commands, and what a chip is.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("pre[data-copy]").forEach(function (pre) {
    var row = document.createElement("div");
    row.className = "copy-row";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy the command" + (pre.textContent.indexOf("\n") > 0 ? "s" : ""));
    button.addEventListener("click", function () {
      copyText(pre.textContent).then(function () {
        status.textContent = "Copied";
      }, function () {
        status.textContent = "Select the text and copy it";
      });
      setTimeout(function () { status.textContent = ""; }, 2500);
    });
    row.appendChild(status);
    row.appendChild(button);
    pre.insertAdjacentElement("afterend", row);
  });

  // As a chip is typed: what the service makes of it (GET /api/v1/chips/{part}).
  var chip = document.getElementById("chip");
  var hint = document.getElementById("chip-hint");
  if (chip && hint && window.fetch) {
    var timer = null, asked = "";
    var show = function () {
      var value = chip.value.trim();
      if (value === asked) { return; }
      asked = value;
      if (value.length < 11) { hint.textContent = ""; hint.classList.remove("bad"); return; }
      fetch("/api/v1/chips/" + encodeURIComponent(value), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (answer) {
          if (value !== chip.value.trim()) { return; }
          if (answer.ok) {
            var c = answer.body;
            hint.textContent = c.part + ": " + c.family + ", " + c.flash + " flash, device ID " + c.deviceId;
            hint.classList.remove("bad");
          } else {
            hint.textContent = answer.body && answer.body.detail ? answer.body.detail : "Unknown chip";
            hint.classList.add("bad");
          }
        })
        .catch(function () { hint.textContent = ""; });
    };
    chip.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(show, 200); });
    chip.addEventListener("change", show);
    show();
  }
})();
