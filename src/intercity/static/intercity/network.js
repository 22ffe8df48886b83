/* Network page: the secretariat map, the members map, memberships per year and the overlap chart. */
(function () {
  "use strict";
  const secretariat = IntercityCharts.readJSON("secretariat-data");
  const secretariatElement = document.getElementById("secretariat-map");
  if (secretariat && secretariatElement) {
    IntercityMap.create(secretariatElement, { center: [secretariat.lat, secretariat.lon], zoom: 4 }).then(function (map) {
      IntercityMap.points(map, [secretariat], { radius: 7, color: "#c2410c" });
      L.tooltip({ permanent: true, direction: "right", offset: [8, 0] })
        .setLatLng([secretariat.lat, secretariat.lon]).setContent(secretariat.label).addTo(map);
    });
  }

  const points = IntercityCharts.readJSON("member-points");
  const membersElement = document.getElementById("members-map");
  if (points && membersElement) {
    IntercityMap.create(membersElement, { preferCanvas: true }).then(function (map) {
      IntercityMap.compactPoints(map, points, { fit: true });
    });
  }

  const joins = IntercityCharts.readJSON("joins-data");
  const joinsElement = document.getElementById("joins-chart");
  if (joins && joinsElement) {
    IntercityCharts.joinsPerYear(joinsElement, joins, {
      joinedLabel: joinsElement.dataset.joinedLabel, totalLabel: joinsElement.dataset.totalLabel,
    });
  }

  const overlap = IntercityCharts.readJSON("overlap-data");
  const overlapElement = document.getElementById("overlap-chart");
  if (overlap && overlapElement) {
    IntercityCharts.bars(overlapElement, overlap, { horizontal: true, suffix: " %", name: overlapElement.dataset.name });
  }
})();
