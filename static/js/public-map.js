/* The public list's map (#public-map): a marker per city of the list (its filters) that has
 * coordinates, read from the JSON at data-markers-url ([latitude, longitude, name, link]).
 * A marker leads to the city's public page (a click, or Enter on a focused marker). Tiles are
 * optional (data-tiles-url): without them the markers stand on a plain background.
 * Up to FOCUSABLE markers are elements a keyboard reaches (Tab, then Enter), named by their
 * city; more are drawn on a canvas (a keyboard would tab through thousands): the list below the
 * map is its text alternative either way. No inline script: the CSP allows 'self' only. */
(function () {
  "use strict";
  var mapElement = document.getElementById("public-map");
  if (!mapElement || typeof L === "undefined" || !window.fetch) {
    return;
  }
  var FOCUSABLE = 500;
  var rtl = document.documentElement.dir === "rtl";
  var map = L.map(mapElement, {
    zoomControl: false,
    worldCopyJump: true,
    minZoom: 1,
    maxZoom: 12,
    preferCanvas: true,
  });
  // The zoom buttons on the reading side's start, labelled in the reader's language.
  L.control
    .zoom({
      position: rtl ? "topright" : "topleft",
      zoomInTitle: mapElement.dataset.zoomInLabel || "+",
      zoomOutTitle: mapElement.dataset.zoomOutLabel || "-",
    })
    .addTo(map);
  if (mapElement.dataset.tilesUrl) {
    L.tileLayer(mapElement.dataset.tilesUrl, {
      attribution: mapElement.dataset.tilesAttribution || "",
      maxZoom: 18,
    }).addTo(map);
  }
  map.setView([30, 40], 2);

  function visit(link) {
    window.location.assign(link);
  }

  function label(name) {
    // A node, never a string: Leaflet inserts a string tooltip as HTML, and names are typed.
    var text = document.createElement("span");
    text.textContent = name;
    return text;
  }

  function draw(markers) {
    var layer = L.featureGroup();
    var focusable = markers.length <= FOCUSABLE;
    markers.forEach(function (marker) {
      var position = [marker[0], marker[1]];
      var shape = focusable
        ? L.marker(position, {
            title: marker[2],
            keyboard: true,
            icon: L.divIcon({ className: "public-map-marker", iconSize: [14, 14] }),
          })
        : L.circleMarker(position, {
            radius: 5,
            weight: 1,
            color: "#08519c",
            fillColor: "#3182bd",
            fillOpacity: 0.9,
          });
      shape.bindTooltip(label(marker[2]));
      shape.on("click", function () {
        visit(marker[3]);
      });
      shape.on("keypress", function (event) {
        if (event.originalEvent && event.originalEvent.key === "Enter") {
          visit(marker[3]);
        }
      });
      layer.addLayer(shape);
    });
    layer.addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 });
    }
    mapElement.dataset.markers = String(markers.length);
  }

  fetch(mapElement.dataset.markersUrl, { credentials: "same-origin" })
    .then(function (response) {
      return response.ok ? response.json() : { markers: [] };
    })
    .then(function (data) {
      draw(data.markers || []);
    })
    .catch(function () {
      mapElement.dataset.markers = "0";
    });
})();
