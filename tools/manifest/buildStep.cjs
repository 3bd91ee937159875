/**
 * The build's unified-manifest step, for webpack.config.js: a copy-webpack-plugin pattern that
 * writes dist/manifest.json from manifest.xml after the same origin rewrite manifest.xml gets, so
 * both manifests in dist/ carry the same ids, strings, icons and origin.
 *
 * The generator is TypeScript (tools/manifest/unifiedManifest.ts); tsx loads it for this one
 * require without hooking the rest of the build.
 */
const path = require("node:path");
const tsx = require("tsx/cjs/api");

const { unifiedManifestText } = tsx.require("./unifiedManifest.ts", __filename);
const { configuredClientId } = tsx.require("./unifiedCheck.ts", __filename);
const { APP_PACKAGE, buildAppPackage } = tsx.require("./appPackage.ts", __filename);

/**
 * @param {(xml: string) => string} applyOrigin the transform the build applies to manifest.xml
 * @param {string} root the project root (where config/addin-config.json lives)
 */
function unifiedManifestPattern(applyOrigin, root) {
  const clientId = configuredClientId(root);
  if (clientId === "") {
    console.warn(
      "manifest.json: no client ID (config/addin-config.json clientId or ADDIN_CLIENT_ID), so no webApplicationInfo",
    );
  }
  return {
    from: path.join(root, "manifest.xml"),
    to: "manifest.json",
    transform: (content) => unifiedManifestText(applyOrigin(content.toString()), { clientId }),
  };
}

/**
 * Emits dist/bluejeans-for-outlook.zip, the app package for manifest.json, once the copy patterns
 * have added manifest.json and the icons (a later processAssets stage).
 */
class AppPackagePlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("AppPackagePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "AppPackagePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE },
        () => {
          const manifest = compilation.getAsset("manifest.json");
          if (!manifest) return;
          const read = (file) => {
            const asset = compilation.getAsset(file);
            if (!asset) throw new Error(`${APP_PACKAGE}: ${file} is not in the build`);
            return Buffer.from(asset.source.source());
          };
          const zip = buildAppPackage(manifest.source.source().toString(), read);
          compilation.emitAsset(APP_PACKAGE, new sources.RawSource(zip));
        },
      );
    });
  }
}

module.exports = { AppPackagePlugin, unifiedManifestPattern };
