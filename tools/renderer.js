/**
 * The production renderer is preact/compat: React's entry points (the ones our code, Fluent and
 * its helpers import) and what stands in for each. webpack.config.js aliases them unless built
 * with `--env renderer=react`; jest.config.js maps them the same way, so unit tests run on what
 * ships.
 */
const PREACT_FOR_REACT = {
  react: "preact/compat",
  "react-dom": "preact/compat",
  "react-dom/client": "preact/compat/client",
  "react-dom/test-utils": "preact/test-utils",
  "react/jsx-runtime": "preact/jsx-runtime",
  "react/jsx-dev-runtime": "preact/jsx-runtime",
  scheduler: "preact/compat/scheduler",
  // React's shim for React < 18; preact/compat has useSyncExternalStore itself.
  "use-sync-external-store/shim": "preact/compat",
};

/** webpack `resolve.alias` (exact matches only, so nothing under react/ slips through half-mapped). */
function preactWebpackAliases() {
  return Object.fromEntries(Object.entries(PREACT_FOR_REACT).map(([from, to]) => [`${from}$`, to]));
}

/** Jest `moduleNameMapper`. */
function preactJestModuleMap() {
  const exact = (name) => `^${name.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`;
  return Object.fromEntries(Object.entries(PREACT_FOR_REACT).map(([from, to]) => [exact(from), to]));
}

module.exports = { PREACT_FOR_REACT, preactWebpackAliases, preactJestModuleMap };
