/* Pictures that may live on another host (a Wikidata photo, an avatar on Commons, later a
   logo) come from {% fallback_image %} with a data-fallback address: when one cannot load
   (no internet, a file deleted on Commons), the placeholder takes its place instead of a
   broken image or its alt text clipped in a circle. base.html loads this file in <head>
   without defer, so the listener is there before the first <img> is parsed: no image can
   fail unseen before it. Without JavaScript the stylesheet shows the placeholder behind. */
(function () {
  "use strict";
  // "error" does not bubble, but it can be captured; this also covers images added later
  // (the avatar dialog's summary copies the chosen one).
  document.addEventListener("error", function (event) {
    var image = event.target;
    var fallback = image.tagName === "IMG" && image.getAttribute("data-fallback");
    // Only once: if the placeholder failed too, nothing loops.
    if (fallback && image.getAttribute("src") !== fallback) image.src = fallback;
  }, true);
})();
