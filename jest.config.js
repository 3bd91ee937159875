/** Unit tests: the core, the Office adapter, settings, the manifest validator and React components. */
const { preactJestModuleMap } = require("./tools/renderer");

module.exports = {
  testMatch: ["<rootDir>/test/unit/**/*.test.ts?(x)"],
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
    // jose and cookie (inside Fastify's inject) ship only ES modules, which Jest on Node 20
    // cannot require: compile them to CommonJS.
    "/node_modules/(jose|cookie)/.+\\.js$": ["ts-jest", { tsconfig: { allowJs: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(jose|cookie)/)"],
  // office-addin-mock pulls office-addin-manifest, whose ESM-only dependency Jest cannot load.
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
    // Components run on preact/compat, the production renderer; its CommonJS builds for Jest.
    ...preactJestModuleMap(),
  },
  testEnvironmentOptions: { customExportConditions: ["require", "default"] },
  setupFiles: [],
};
