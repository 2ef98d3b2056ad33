// The embed card tells the page that frames it how tall it is, so `widget.js` can size the
// frame to the card instead of cutting it off or leaving a gap. The height is no secret, so
// any parent may hear it; the parent checks the message came from copgraph's origin.
const post = () =>
  window.parent.postMessage(
    {
      copgraph: "height",
      height: Math.ceil(document.body.firstElementChild.getBoundingClientRect().height),
    },
    "*",
  );
new ResizeObserver(post).observe(document.body.firstElementChild);
post();
