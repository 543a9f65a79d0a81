// Fills the check-in form's hidden place fields from the phone's geolocation, keeping the accuracy it reports.
// Without this script (or with location refused) the fields stay empty and the check-in says "no location".
(function () {
  var status = document.getElementById("fieldvisit-location");
  var lat = document.getElementById("id_latitude"), lon = document.getElementById("id_longitude");
  var accuracy = document.getElementById("id_accuracy_m");
  if (!status || !lat || !lon || !accuracy) return;
  if (!("geolocation" in navigator)) { status.textContent = status.dataset.refused; return; }
  status.textContent = status.dataset.asking;
  navigator.geolocation.getCurrentPosition(function (position) {
    lat.value = position.coords.latitude.toFixed(6);
    lon.value = position.coords.longitude.toFixed(6);
    accuracy.value = Math.round(position.coords.accuracy * 10) / 10;
    status.textContent = status.dataset.found.replace("{m}", Math.round(position.coords.accuracy));
  }, function () {
    lat.value = lon.value = accuracy.value = "";
    status.textContent = status.dataset.refused;
  }, {enableHighAccuracy: true, timeout: 20000, maximumAge: 0});
})();
