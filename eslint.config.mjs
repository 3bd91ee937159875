import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// ---- Boundaries by runtime ------------------------------------------------------------------------
// Each folder may reach only what its runtime has. Packages are checked by their written source
// (static imports, re-exports and dynamic import()); paths inside the project by the file they
// resolve to from the importing file (so `./../server/x` and `../../src/server/x` count as
// src/server). test/unit/lint/boundaries lints a violating snippet for every rule below.

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** A folder of the project (relative to the root) that an area must not import from. */
const zone = (folder, message) => ({ folder, message });

/** Where a relative or absolute import source points, relative to the project root; else undefined. */
function resolvedSource(filename, source) {
  if (!source.startsWith(".") && !path.isAbsolute(source)) return undefined;
  return path
    .relative(ROOT, path.resolve(path.dirname(filename), source))
    .split(path.sep)
    .join("/");
}

const insideFolder = (file, folder) => file === folder || file.startsWith(`${folder}/`);

/** boundaries/no-restricted-paths: imports, re-exports and import() that resolve into a zone. */
const noRestrictedPaths = {
  meta: {
    type: "problem",
    schema: [{ type: "array", items: { type: "object" } }],
    messages: { restricted: "{{message}}" },
  },
  create(context) {
    const zones = context.options[0] ?? [];
    const check = (node) => {
      if (!node || node.type !== "Literal" || typeof node.value !== "string") return;
      const file = resolvedSource(context.filename, node.value);
      if (file === undefined) return;
      const hit = zones.find(({ folder }) => insideFolder(file, folder));
      if (hit) context.report({ node, messageId: "restricted", data: { message: hit.message } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      TSImportType: (node) => check(node.argument?.literal ?? node.argument),
    };
  },
};
const boundariesPlugin = { rules: { "no-restricted-paths": noRestrictedPaths } };

const Z = {
  server: zone("src/server", "browser code cannot reach src/server (it holds the secret)"),
  addin: zone("src/addin", "src/addin runs in Outlook; import src/shared instead"),
  dev: zone("dev", "src/ ships: it cannot import dev/, test/ or tools/"),
  test: zone("test", "src/ ships: it cannot import dev/, test/ or tools/"),
  tools: zone("tools", "src/ ships: it cannot import dev/, test/ or tools/"),
};
const DEV_TEST_TOOLS = [Z.dev, Z.test, Z.tools];

/** An import source rule: `regex` is matched against the string after `from` or inside import(). */
const imports = (regex, message) => ({ regex, message });

const NODE_BUILTINS = builtinModules
  .filter((name) => !name.startsWith("_"))
  .map((name) => name.replace(/\/.*$/, ""));
const nodeRe = `^(node:.*|(${[...new Set(NODE_BUILTINS)].join("|")})(/.*)?)$`;

const R = {
  react: imports("^(react|react-dom|preact|scheduler)(/.*)?$", "React belongs to the task pane only"),
  fluent: imports("^@(fluentui|griffel)/", "Fluent UI belongs to the task pane only"),
  office: imports(
    "^(office-js|@microsoft/office-js|office-addin-.*)(/.*)?$",
    "Office is reached through src/addin/host only",
  ),
  msal: imports("^@azure/msal-", "MSAL runs in the browser (src/addin/signin) only"),
  node: imports(nodeRe, "Node built-ins are not available in this runtime"),
  fastify: imports("^(@fastify/.*|fastify)(/.*)?$", "Fastify belongs to src/server only"),
  network: imports(
    "^(axios|undici|node-fetch|cross-fetch|ws|ioredis|redis|got|ky|superagent)(/.*)?$",
    "the core does no network: its callers pass data in",
  ),
  packages: imports("^(?!\\.)", "the core imports nothing but src/shared (no packages)"),
};

// Globals the core must not use: everything browsers or Node offer beyond the language itself,
// except a few that both runtimes have and that touch nothing outside (URL parsing, text encoding).
const CORE_ALLOWED = new Set([
  "URL",
  "URLSearchParams",
  "TextEncoder",
  "TextDecoder",
  "console",
  "crypto",
  "queueMicrotask",
  "structuredClone",
  "atob",
  "btoa",
  "AbortController",
  "AbortSignal",
  "DOMException",
  "setTimeout",
  "clearTimeout",
]);
const esNames = new Set(Object.keys(globals.es2024));
const coreGlobals = [...new Set([...Object.keys(globals.browser), ...Object.keys(globals.node)])]
  .filter((name) => !esNames.has(name) && !CORE_ALLOWED.has(name))
  .sort()
  .map((name) => ({ name, message: "the core touches nothing but its inputs (no DOM, network or Node)" }));

const OFFICE_MESSAGE =
  "only src/addin/host touches Office (entry files may call Office.onReady and Office.actions.associate)";
/** Runtime uses of the Office global other than Office.onReady(...) and Office.actions.associate(...). */
const officeSyntax = [
  "MemberExpression[object.name='Office'][property.name!=/^(onReady|actions)$/]",
  "MemberExpression[object.object.name='Office'][object.property.name='actions'][property.name!='associate']",
  ":not(MemberExpression) > MemberExpression[object.name='Office'][property.name='actions']",
  "MemberExpression[property.name='Office']",
  "MemberExpression[property.value='Office']",
  // Office alone (typeof Office, passing it on, aliasing it); not its types nor a property named Office.
  "Identifier[name='Office']:not(MemberExpression > .object, MemberExpression > .property, TSQualifiedName > .left, TSTypeQuery > .exprName, Property > .key, TSPropertySignature > .key)",
].map((selector) => ({ selector, message: OFFICE_MESSAGE }));

/** no-restricted-syntax entries that apply the import rules to dynamic import("..."). */
const dynamicImports = (rules) =>
  rules.map(({ regex, message }) => ({
    // esquery regexes end at the first "/", so slashes are written as \x2F.
    selector: `ImportExpression > Literal.source[value=/${regex.replaceAll("/", "\\x2F")}/]`,
    message,
  }));

/** One area: its files, the import rules, the folders it must not import, Office, restricted globals. */
function area({ files, ignores = [], rules, zones, office = true, restrictedGlobals = [] }) {
  return {
    files,
    ignores,
    plugins: { boundaries: boundariesPlugin },
    rules: {
      "boundaries/no-restricted-paths": ["error", zones],
      "no-restricted-imports": ["error", { patterns: rules }],
      "no-restricted-syntax": ["error", ...dynamicImports(rules), ...(office ? officeSyntax : [])],
      ...(restrictedGlobals.length > 0 ? { "no-restricted-globals": ["error", ...restrictedGlobals] } : {}),
    },
  };
}

const BROWSER = [R.node, R.fastify];
const BROWSER_ZONES = [Z.server, ...DEV_TEST_TOOLS];
const NO_UI = [R.react, R.fluent];
const SRC = ["src/**/*.{ts,tsx,js,mjs,cjs}"];

const boundaries = [
  // Anything in src/ not covered by a more specific area below.
  area({ files: SRC, rules: [], zones: DEV_TEST_TOOLS }),
  area({
    files: ["src/shared/**"],
    rules: [R.react, R.fluent, R.office, R.msal, R.node, R.fastify, R.network, R.packages],
    zones: [Z.addin, Z.server, ...DEV_TEST_TOOLS],
    restrictedGlobals: coreGlobals,
  }),
  area({ files: ["src/addin/**"], rules: [...BROWSER], zones: BROWSER_ZONES }),
  area({ files: ["src/addin/host/**"], rules: [...BROWSER], zones: BROWSER_ZONES, office: false }),
  area({
    files: ["src/addin/pages/commands/**", "src/addin/events/**"],
    rules: [...BROWSER, ...NO_UI],
    zones: BROWSER_ZONES,
  }),
  area({
    files: ["src/server/**"],
    rules: [R.react, R.fluent, R.msal, R.office],
    zones: [Z.addin, ...DEV_TEST_TOOLS],
  }),
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "build/", "test-results/", "playwright-report/", "test/stubs/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  { files: ["**/*.js", "**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  ...boundaries,
);
