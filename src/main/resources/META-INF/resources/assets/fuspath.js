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

  // The wanted stacks offered: those the chosen release ships for the chip's family and flash size
  // (GET /api/v1/releases/{tag}/binaries?family=), as the server offered them for the chip and release it was given.
  var release = document.getElementById("release");
  var stackList = document.getElementById("stack-list");
  var known = null;
  var offerStacks = function () {
    if (!known || !release || !stackList) { return; }
    var tag = release.value || release.getAttribute("data-newest");
    var asked = known;
    fetch("/api/v1/releases/" + encodeURIComponent(tag) + "/binaries?family=" + encodeURIComponent(asked.family),
          { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (binaries) {
        if (!binaries || asked !== known) { return; }
        var names = [];
        binaries.forEach(function (b) {
          if (b.kind === "stack" && b.stack && b.installAddress && b.installAddress[asked.flash]
              && names.indexOf(b.stack) < 0) { names.push(b.stack); }
        });
        names.sort(function (a, b) { return a.toLowerCase() < b.toLowerCase() ? -1 : 1; });
        while (stackList.firstChild) { stackList.removeChild(stackList.firstChild); }
        names.forEach(function (n) {
          var option = document.createElement("option");
          option.value = n;
          stackList.appendChild(option);
        });
      })
      .catch(function () { });
  };
  if (release) { release.addEventListener("change", offerStacks); }

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
            if (!known || known.family !== c.family || known.flash !== c.flash) {
              known = { family: c.family, flash: c.flash };
              offerStacks();
            }
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
