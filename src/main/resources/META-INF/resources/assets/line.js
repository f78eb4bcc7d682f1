// /line: swap in the parts the service sends (GET /api/v1/records/events) while stations report. Without this
// script (or without EventSource) the page is the same, as of when it was loaded.
(function () {
  "use strict";
  if (!window.EventSource || !document.getElementById("line-summary")) {
    return;
  }
  var live = document.getElementById("line-live");
  var source = new EventSource("/api/v1/records/events");
  source.addEventListener("line", function (e) {
    var data;
    try {
      data = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    ["summary", "stations", "plot"].forEach(function (part) {
      var section = document.getElementById("line-" + part);
      if (section && typeof data.parts[part] === "string") {
        section.innerHTML = data.parts[part]; // rendered and escaped by the service's own templates
      }
    });
    live.textContent = data.parts.updated;
  });
  source.onerror = function () {
    live.textContent = "not updating: the service cannot be reached; retrying";
  };
})();
