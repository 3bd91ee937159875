/**
 * Builds the add-in (task pane, one-click command, manifest, icons) and, for development and
 * tests only, the workbench that simulates Outlook. The workbench goes to its own folder so that
 * nothing of it can reach dist/.
 *
 *   webpack --mode production                  -> dist/ for ADDIN_ORIGIN (default https://localhost:3000)
 *   webpack --mode development --env workbench -> build/dev/ and build/workbench/
 *   webpack --mode production --env workbenchOnly -> build/workbench/ only (tests run it beside dist/)
 *   webpack --mode production --env renderer=react -> the same add-in rendered by React instead of
 *     preact/compat (the fallback when a Fluent upgrade breaks under preact; see README)
 *   webpack --mode production --env benchReference -> build/bench-reference/, the bench's bare Fluent pane,
 *     and build/bench-reference-floor/, its floor (a plain button once Office is ready)
 */
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { preactWebpackAliases } = require("./tools/renderer");

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

// Class fields as plain assignments in the constructor: ES2020 has no class fields, and esbuild's
// define-semantics stand-in is a helper copied into every module that declares one.
const esbuildLoader = {
  loader: "esbuild-loader",
  options: {
    target: "es2020",
    jsx: "automatic",
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
  },
};

// ---- Renderer: preact/compat in production, React behind `--env renderer=react` ----------------

const RENDERERS = ["preact", "react"];

function rendererOf(env) {
  const renderer = env.renderer || "preact";
  if (!RENDERERS.includes(renderer))
    throw new Error(`--env renderer must be one of ${RENDERERS.join(", ")}: ${renderer}`);
  return renderer;
}

/** preact/compat stands in for React (see tools/renderer.js); React: no aliases. */
function rendererAliases(renderer) {
  return renderer === "react" ? {} : preactWebpackAliases();
}

// ---- Styles: makeStyles precompiled at build time (Fluent's own packages ship precompiled) ------

/** Griffel's build-time transform, so the runtime style compiler (stylis and more) does not ship. */
function griffelLoader() {
  return {
    loader: "@griffel/webpack-loader",
    options: {
      // Styles are evaluated in Node at build time: with the real packages, not the renderer aliases.
      inheritResolveOptions: ["modules"],
      modules: [
        {
          moduleSource: "@fluentui/react-components",
          importName: "makeStyles",
          resetImportName: "makeResetStyles",
        },
        { moduleSource: "@griffel/react", importName: "makeStyles", resetImportName: "makeResetStyles" },
      ],
    },
  };
}

function scriptRule(production) {
  // Loaders run last to first: esbuild strips the types and JSX, then Griffel sees plain JS.
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: production ? [griffelLoader(), esbuildLoader] : [esbuildLoader],
  };
}

// ---- Chunks: shared library code in chunks of its own, never copied into two chunks ----------

/**
 * Webpack copies a library module into each lazy chunk that uses it when the shared part is under
 * its 20 KB minimum; the pane would then download the same Fluent code twice. minSize 0 for
 * libraries shared between lazy chunks: each such group becomes its own (small) chunk.
 */
function splitChunksConfig() {
  return {
    cacheGroups: {
      sharedLibraries: {
        test: /[\\/]node_modules[\\/]/,
        chunks: "async",
        minChunks: 2,
        minSize: 0,
        priority: -5,
        reuseExistingChunk: true,
      },
    },
  };
}

// ---- Chunk report: what each page loads, for the size check and the bench ---------------------

const REPORT_DIR = path.join(__dirname, "build/chunk-report");

/** The report parts of an add-in build: the main compiler's (""), then the command's compiler's. */
const COMMANDS_PART = "commands";
const CHUNK_REPORT_PARTS = ["", COMMANDS_PART];

/**
 * Where the report of the build in `outDir` goes (outside the build: nothing of it ships). A build
 * made by two compilers has one report per compiler: `part` names the second one's.
 */
function chunkReportFile(outDir, part = "") {
  const relative = path.relative(__dirname, outDir);
  const where = relative.startsWith("..") ? path.resolve(outDir) : relative;
  const name = where.replace(/[\\/:]+/g, "_").replace(/^_+/, "") || "root";
  return path.join(REPORT_DIR, part ? `${name}.${part}.json` : `${name}.json`);
}

/**
 * Writes, per entry, the files it loads first and every chunk it can load later, and per chunk the
 * source modules in it (inside concatenated modules too), so duplicates between chunks show.
 */
class ChunkReportPlugin {
  /** `part`: this compiler's part of the build; its chunk ids are prefixed with it, so none clash. */
  constructor(outDir, part = "") {
    this.file = chunkReportFile(outDir, part);
    this.idOf = (chunk) => (part ? `${part}:${chunk.id}` : String(chunk.id));
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tap("ChunkReportPlugin", (compilation) => {
      const { chunkGraph } = compilation;
      const sourceOf = (module) => {
        const inner = module.modules ? [...module.modules] : [module];
        return inner
          .map((m) => m.resource && path.relative(__dirname, m.resource).split(path.sep).join("/"))
          .filter(Boolean);
      };
      const chunks = [...compilation.chunks].map((chunk) => ({
        id: this.idOf(chunk),
        name: chunk.name ?? null,
        files: [...chunk.files].filter((f) => f.endsWith(".js")),
        modules: [...chunkGraph.getChunkModulesIterable(chunk)].flatMap(sourceOf).sort(),
      }));
      const entries = {};
      for (const [name, entrypoint] of compilation.entrypoints) {
        const initial = entrypoint.chunks;
        const all = new Set(initial);
        for (const chunk of initial) for (const c of chunk.getAllAsyncChunks()) all.add(c);
        entries[name] = {
          initial: initial.map(this.idOf),
          all: [...all].map(this.idOf),
        };
      }
      require("node:fs").mkdirSync(path.dirname(this.file), { recursive: true });
      require("node:fs").writeFileSync(this.file, JSON.stringify({ entries, chunks }, null, 1));
    });
  }
}

function common(mode, outDir, publicPath, renderer = "react") {
  const production = mode === "production";
  return {
    mode,
    // No eval-based maps: the Content-Security-Policy forbids eval, in development too.
    devtool: production ? "source-map" : "cheap-module-source-map",
    resolve: { extensions: [".ts", ".tsx", ".js"], alias: rendererAliases(renderer) },
    module: { rules: [scriptRule(production)] },
    output: {
      path: outDir,
      publicPath,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
      // A short name for the chunk loader's global and script marks; source maps keep the long one.
      uniqueName: "bjn",
      devtoolNamespace: "bluejeans-for-outlook",
    },
    performance: { hints: false },
    stats: "errors-warnings",
  };
}

/**
 * The event runtime (Outlook's event-based activation): one script under a fixed name, because
 * manifest.xml and /.well-known/microsoft-officeaddins-allowed.json name its URL, and classic
 * Outlook on Windows runs it on its own, so it may load no further chunks. events.html loads it
 * after office.js for the other clients.
 */
const EVENTS_SCRIPT = "events.js";

function eventRuntime(origin, publicPath) {
  return {
    entry: { events: { import: "./src/addin/events/index.ts", filename: EVENTS_SCRIPT } },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "events.html",
        template: "./src/addin/events/events.html",
        inject: false,
        officeJs: OFFICE_JS,
        eventsJs: `${publicPath}${EVENTS_SCRIPT}`,
      }),
      // Where there is no page to take the origin from (classic Windows), the built-in one.
      new webpack.DefinePlugin({ __ADDIN_ORIGIN__: JSON.stringify(origin) }),
    ],
  };
}

/** The task pane's page (the add-in's, and the bench reference's with its own entry). */
function taskpanePage() {
  return new HtmlWebpackPlugin({
    filename: "taskpane.html",
    template: "./src/addin/pages/taskpane/taskpane.html",
    chunks: ["taskpane"],
    officeJs: OFFICE_JS,
  });
}

/**
 * Terser as webpack runs it, with a third pass, ES2020 output (the language the build targets
 * already), function declarations hoisted to the top of their scope and no function inlining:
 * both leave code gzip packs better, for the budgets. Measured once by building with and without
 * them and comparing `npm run bench`'s bundle lines: about 140 B gz off events.js, 100 B off the
 * command, 490 B off the pane's entry.
 */
const MINIFY = {
  javascript: { ecma: 2020, compress: { passes: 3, ecma: 2020, hoist_funs: true, inline: 0 } },
};

/**
 * The add-in's optimization: shared chunks (above), the minifier (above), and the shortest names
 * for exports, module and chunk ids rather than hashed ones that stay put from build to build.
 * Every file name carries its content hash, so a deploy re-downloads what changed either way.
 * Measured once by building with and without them: about 220 B gz off the command, 1.1 KB off the
 * pane's entry. Development builds keep webpack's readable names.
 */
function addinOptimization(mode) {
  const shortest =
    mode === "production" ? { mangleExports: "size", moduleIds: "size", chunkIds: "size" } : {};
  return { splitChunks: splitChunksConfig(), minimizeOptions: MINIFY, ...shortest };
}

/** The add-in's files are served under its origin's path ("/" at a host's root). */
function publicPathOf(origin) {
  return `${new URL(origin).pathname.replace(/\/$/, "")}/`;
}

function addinConfig(mode, outDir, renderer) {
  // Loaded here, not at the top: what reads only chunkReportFile (the size check, the bench, the
  // unit tests) need not load the manifest step's TypeScript.
  const { AppPackagePlugin, unifiedManifestPattern } = require("./tools/manifest/buildStep.cjs");
  const origin = addinOrigin();
  const applyOrigin = (xml) => xml.split(DEV_ORIGIN).join(origin);
  const publicPath = publicPathOf(origin);
  const events = eventRuntime(origin, publicPath);
  return {
    ...common(mode, outDir, publicPath, renderer),
    optimization: addinOptimization(mode),
    name: "addin",
    entry: {
      taskpane: "./src/addin/pages/taskpane/index.tsx",
      // Sign-in and consent pages (each small; MSAL only where a page signs in).
      "auth-redirect": "./src/addin/pages/auth-redirect/index.ts",
      "auth-dialog": "./src/addin/pages/auth-dialog/index.ts",
      "consent-callback": "./src/addin/pages/consent-callback/main.ts",
      ...events.entry,
    },
    plugins: [
      ...events.plugins,
      taskpanePage(),
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
      new ChunkReportPlugin(outDir),
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
      // The zip an admin uploads for manifest.json (manifest and its two package icons).
      new AppPackagePlugin(),
    ],
  };
}

/**
 * The bench's reference pane (tools/bench/reference), built with the add-in's settings and
 * renderer into its own folder; served by the bench as a task pane beside the real one. `entry`
 * picks the bare Fluent pane (index.tsx) or the floor (floor.ts: a plain button, no renderer).
 */
function benchReferenceConfig(mode, outDir, renderer, name = "bench-reference", entry = "index.tsx") {
  return {
    ...common(mode, outDir, "/", renderer),
    optimization: { splitChunks: splitChunksConfig() },
    name,
    entry: { taskpane: `./tools/bench/reference/${entry}` },
    plugins: [taskpanePage()],
  };
}

/**
 * The one-click command's page, built as ES modules: its lazy chunks (the scheduled path, HTML body
 * editing, sign-in) load with the browser's own import() instead of webpack's script-tag loader,
 * which took 558 B gz off what the command needs for a first add (measured once, building it both
 * ways). A compiler of its own, because that output format is one per compiler and the event
 * runtime must stay a classic script.
 * Every Outlook that runs the function file (web, new Outlook and WebView2 on Windows, Mac, iOS,
 * Android) runs module scripts and import(), as it already runs the ES2020 the build emits; the
 * Internet Explorer and EdgeHTML webviews of volume-licensed Office 2016 and 2019 run neither.
 * A chunk that failed to load once stays failed in that page (browsers keep a failed module
 * fetch): the person's "close and reopen the appointment" loads the page afresh. Built after the
 * add-in (`dependencies`) into the same folder, which only the add-in's build cleans.
 */
function commandsConfig(mode, outDir) {
  const base = common(mode, outDir, publicPathOf(addinOrigin()));
  return {
    ...base,
    name: "commands",
    dependencies: ["addin"],
    experiments: { outputModule: true },
    // The page's template is run once at build time, in Node, by html-webpack-plugin; its loader's
    // `with` would not be allowed in a module, but none of it reaches the page.
    ignoreWarnings: [
      { module: /html-webpack-plugin[\\/]lib[\\/]loader\.js/, message: /`with` statements are not allowed/ },
    ],
    output: {
      ...base.output,
      module: true,
      chunkFormat: "module",
      chunkLoading: "import",
      clean: false,
      // Unnamed chunks (shared libraries) are named by id, which the add-in's compiler numbers too.
      chunkFilename: (data) =>
        `${data.chunk?.name ? "[name]" : "commands-[id]"}${mode === "production" ? ".[contenthash:8]" : ""}.js`,
    },
    optimization: addinOptimization(mode),
    entry: { commands: "./src/addin/pages/commands/commands.ts" },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/addin/pages/commands/commands.html",
        chunks: ["commands"],
        scriptLoading: "module",
        officeJs: OFFICE_JS,
      }),
      new ChunkReportPlugin(outDir, COMMANDS_PART),
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
      // The event runtime: a Web Worker that loads the add-in's events.js (no DOM, as in Outlook).
      "event-worker": "./dev/workbench/eventWorker.ts",
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
  if (env.benchReference) {
    // The floor beside the reference, not inside it (the reference's build cleans its folder).
    const referenceDir = path.resolve(root, env.outDir || "build/bench-reference");
    return [
      benchReferenceConfig(mode, referenceDir, rendererOf(env)),
      benchReferenceConfig(mode, `${referenceDir}-floor`, rendererOf(env), "bench-floor", "floor.ts"),
    ];
  }
  const configs = env.workbenchOnly
    ? []
    : [addinConfig(mode, outDir, rendererOf(env)), commandsConfig(mode, outDir)];
  if (env.workbench || env.workbenchOnly)
    configs.push(workbenchConfig(mode, path.resolve(root, env.workbenchDir || "build/workbench")));
  return configs;
};

/** For the size check and the bench (tools/bench/chunkReport.ts). */
module.exports.chunkReportFile = chunkReportFile;
module.exports.chunkReportParts = CHUNK_REPORT_PARTS;
