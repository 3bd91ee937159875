/** Unit tests: the core, the Office adapter, settings, the manifest validator and React components. */
module.exports = {
  testMatch: ["<rootDir>/test/unit/**/*.test.ts?(x)"],
  testEnvironment: "node",
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  // office-addin-mock pulls office-addin-manifest, whose ESM-only dependency Jest cannot load.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js" },
  setupFiles: [],
};
