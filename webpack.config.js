/**
 * Builds the add-in (task pane, one-click command, manifest, icons) and, for development and
 * tests only, the workbench that simulates Outlook. The workbench goes to its own folder so that
 * nothing of it can reach dist/.
 *
 *   webpack --mode production                  -> dist/ for ADDIN_ORIGIN (default https://localhost:3000)
 *   webpack --mode development --env workbench -> build/dev/ and build/workbench/
 *   webpack --mode production --env workbenchOnly -> build/workbench/ only (tests run it beside dist/)
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { unifiedManifestPattern } = require("./tools/manifest/buildStep.cjs");

const DEV_ORIGIN = "https://localhost:3000";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** The admin's origin, checked before it is written into the manifest. */
function addinOrigin() {
  const raw = process.env.ADDIN_ORIGIN || DEV_ORIGIN;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_ORIGIN is not a URL: ${raw}`);
  }
  if (url.protocol !== "https:")
    throw new Error(`ADDIN_ORIGIN must use https (Office loads add-ins only over https): ${raw}`);
  if (url.search || url.hash) throw new Error(`ADDIN_ORIGIN must not have a query or fragment: ${raw}`);
  // An origin with a path (https://host/addin) is allowed: pages and assets live below it.
  return url.href.replace(/\/$/, "");
}

const scriptRule = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  loader: "esbuild-loader",
  options: { target: "es2020", jsx: "automatic" },
};

function common(mode, outDir, publicPath) {
  const production = mode === "production";
  return {
    mode,
    // No eval-based maps: the Content-Security-Policy forbids eval, in development too.
    devtool: production ? "source-map" : "cheap-module-source-map",
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [scriptRule] },
    output: {
      path: outDir,
      publicPath,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    performance: { hints: false },
    stats: "errors-warnings",
  };
}

function addinConfig(mode, outDir) {
  const origin = addinOrigin();
  const applyOrigin = (xml) => xml.split(DEV_ORIGIN).join(origin);
  const publicPath = `${new URL(origin).pathname.replace(/\/$/, "")}/`;
  return {
    ...common(mode, outDir, publicPath),
    name: "addin",
    entry: {
      taskpane: "./src/addin/pages/taskpane/index.tsx",
      commands: "./src/addin/pages/commands/commands.ts",
      // Sign-in and consent pages (each small; MSAL only where a page signs in).
      "auth-redirect": "./src/addin/pages/auth-redirect/index.ts",
      "auth-dialog": "./src/addin/pages/auth-dialog/index.ts",
      "consent-callback": "./src/addin/pages/consent-callback/main.ts",
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/addin/pages/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs: OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/addin/pages/commands/commands.html",
        chunks: ["commands"],
        officeJs: OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        filename: "auth-redirect.html",
        template: "./src/addin/pages/auth-redirect/auth-redirect.html",
        chunks: ["auth-redirect"],
      }),
      new HtmlWebpackPlugin({
        filename: "auth-dialog.html",
        template: "./src/addin/pages/auth-dialog/auth-dialog.html",
        chunks: ["auth-dialog"],
        officeJs: OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        filename: "consent-callback.html",
        template: "./src/addin/pages/consent-callback/consent-callback.html",
        chunks: ["consent-callback"],
        officeJs: OFFICE_JS,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/addin/pages/support/support.html", to: "support.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => applyOrigin(content.toString()),
          },
          // manifest.json, made from the same XML after the same rewrite (tools/manifest/unifiedManifest.ts).
          unifiedManifestPattern(applyOrigin, __dirname),
        ],
      }),
    ],
  };
}

function workbenchConfig(mode, outDir) {
  const base = common(mode, outDir, "/workbench/");
  return {
    ...base,
    // Stable names: the add-in's pages are served with a fixed /workbench/office-shim.js.
    output: { ...base.output, filename: "[name].js", chunkFilename: "[name].js" },
    name: "workbench",
    entry: {
      workbench: "./dev/workbench/index.ts",
      "office-shim": "./dev/workbench/officeShim.ts",
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        template: "./dev/workbench/workbench.html",
        chunks: ["workbench"],
      }),
    ],
  };
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || "production";
  const root = __dirname;
  const outDir = path.resolve(root, env.outDir || (mode === "production" ? "dist" : "build/dev"));
  const configs = env.workbenchOnly ? [] : [addinConfig(mode, outDir)];
  if (env.workbench || env.workbenchOnly)
    configs.push(workbenchConfig(mode, path.resolve(root, env.workbenchDir || "build/workbench")));
  return configs;
};
