/**
 * The bench's floor: the same page as the panes (office.js, then one deferred script) that adds a
 * plain, enabled "Save" button once Office is ready, with no renderer and no Fluent. What it takes
 * is what every pane pays in this harness (opening the frame, the page, office.js, Office getting
 * ready); the bench prints what the pane and the reference each take above it. Not part of the
 * product.
 */
Office.onReady(() => {
  const button = document.createElement("button");
  button.textContent = "Save";
  document.getElementById("root")?.append(button);
});
