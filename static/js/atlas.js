/* The children's atlas map: the districts' shapes (GeoJSON) coloured by the indicator chosen
 * in #atlas-indicator, with a legend in #atlas-legend. The data comes from the page's
 * json_script #atlas-data (no inline script: the CSP allows scripts from 'self' only): a small
 * atlas's every indicator, so the map redraws as soon as another is chosen; a big atlas's
 * chosen indicator only, so another is shown when the navigator's form is sent.
 * Tiles are optional: without a tile URL, or when tiles fail to load, the shapes still draw. */
(function () {
  "use strict";
  var dataElement = document.getElementById("atlas-data");
  var mapElement = document.getElementById("atlas-map");
  if (!dataElement || !mapElement || typeof L === "undefined") {
    return;
  }
  var data = JSON.parse(dataElement.textContent);
  var select = document.getElementById("atlas-indicator");
  var legend = document.getElementById("atlas-legend");
  // Five classes, light to dark (ColorBrewer "Blues"), and grey for a district without a value.
  var COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  var NO_VALUE = "#d9d9d9";

  var map = L.map(mapElement, { zoomSnap: 0.25, attributionControl: true, zoomControl: false });
  // The zoom buttons (links Leaflet makes focusable, reached by Tab), labelled in the reader's
  // language from the container's data- attributes, and on the reading side's start: the right
  // in a right-to-left page.
  var rtl = document.documentElement.dir === "rtl";
  L.control
    .zoom({
      position: rtl ? "topright" : "topleft",
      zoomInTitle: mapElement.dataset.zoomInLabel || "+",
      zoomOutTitle: mapElement.dataset.zoomOutLabel || "-",
    })
    .addTo(map);
  if (data.tiles && data.tiles.url) {
    L.tileLayer(data.tiles.url, {
      attribution: data.tiles.attribution || "",
      maxZoom: 18,
    }).addTo(map);
  }

  function indicatorOf(key) {
    for (var i = 0; i < data.indicators.length; i++) {
      if (data.indicators[i].key === key) {
        return data.indicators[i];
      }
    }
    return null;
  }

  function valueOf(feature, key) {
    var district = data.districts[String(feature.properties.district_number)];
    var cell = district && district.values[key];
    return cell ? cell[0] : null;
  }

  function breaks(key) {
    var values = [];
    Object.keys(data.districts).forEach(function (number) {
      var cell = data.districts[number].values[key];
      if (cell) {
        values.push(cell[0]);
      }
    });
    if (!values.length) {
      return null;
    }
    var min = Math.min.apply(null, values);
    var max = Math.max.apply(null, values);
    var step = (max - min) / COLOURS.length;
    return { min: min, max: max, step: step };
  }

  function colourOf(value, scale) {
    if (value === null || !scale) {
      return NO_VALUE;
    }
    if (scale.step === 0) {
      return COLOURS[COLOURS.length - 1];
    }
    var index = Math.min(COLOURS.length - 1, Math.floor((value - scale.min) / scale.step));
    return COLOURS[index];
  }

  function format(number) {
    return Number(number).toLocaleString(document.documentElement.lang || undefined, {
      maximumFractionDigits: 2,
    });
  }

  var layer = L.geoJSON(data.boundaries, {
    style: function () {
      return { color: "#1f2d3d", weight: 1.5, fillOpacity: 0.8, fillColor: NO_VALUE };
    },
    onEachFeature: function (feature, shape) {
      shape.bindTooltip(document.createElement("span"), { sticky: true });
    },
  }).addTo(map);

  function swatch(colour, text) {
    var item = document.createElement("span");
    var box = document.createElement("span");
    box.className = "atlas-swatch";
    box.style.backgroundColor = colour; // CSSOM, allowed by the CSP (no inline style attribute)
    item.appendChild(box);
    item.appendChild(document.createTextNode(text));
    return item;
  }

  function chosenKey() {
    if (select && indicatorOf(select.value)) {
      return select.value;
    }
    return data.indicators[0] && data.indicators[0].key; // "every indicator": the first
  }

  function draw() {
    var key = chosenKey();
    var indicator = indicatorOf(key);
    var scale = breaks(key);
    layer.eachLayer(function (shape) {
      var feature = shape.feature;
      var value = valueOf(feature, key);
      var district = data.districts[String(feature.properties.district_number)];
      shape.setStyle({ fillColor: colourOf(value, scale) });
      var name = district ? district.name : String(feature.properties.district_number);
      var text = value === null ? data.labels.noValue : format(value) + " " + indicator.unit;
      // A node, never a string: Leaflet inserts a string tooltip as HTML, and district names
      // are typed by users.
      var tooltip = document.createElement("span");
      tooltip.textContent = name + ": " + text;
      shape.setTooltipContent(tooltip);
    });
    legend.textContent = "";
    if (indicator) {
      var title = document.createElement("strong");
      title.textContent = indicator.name + " (" + indicator.unit + ")";
      legend.appendChild(title);
    }
    if (scale) {
      var classes = scale.step === 0 ? 1 : COLOURS.length;
      for (var i = 0; i < classes; i++) {
        var low = scale.min + i * scale.step;
        var high = i === classes - 1 ? scale.max : low + scale.step;
        var colour = scale.step === 0 ? COLOURS[COLOURS.length - 1] : COLOURS[i];
        legend.appendChild(swatch(colour, format(low) + " – " + format(high)));
      }
    }
    legend.appendChild(swatch(NO_VALUE, data.labels.noValue));
  }

  var bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [10, 10] });
  } else {
    map.setView([0, 0], 2);
  }
  if (select) {
    select.addEventListener("change", function () {
      // Only the values the page holds: another indicator of a big atlas waits for the form.
      if (select.value === "" || indicatorOf(select.value)) {
        draw();
      }
    });
  }
  draw();
})();
