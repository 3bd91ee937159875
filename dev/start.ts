/**
 * `npm start`: builds the add-in and the workbench in watch mode and serves them at
 * https://localhost:3000 (office-addin-dev-certs certificates, made on first run).
 */
import path from "node:path";
import webpack from "webpack";
import { devCerts } from "./certs";
import { startDevStack } from "./devServer";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../webpack.config.js") as (
  env: Record<string, unknown>,
  argv: Record<string, unknown>,
) => webpack.Configuration[];

const root = path.resolve(__dirname, "..");
const port = Number(process.env.PORT ?? 3000);

async function main(): Promise<void> {
  const certs = devCerts();
  const compiler = webpack(makeConfig({ workbench: true }, { mode: "development" }));
  let started = false;
  compiler.watch({ aggregateTimeout: 300 }, async (error, stats) => {
    if (error) {
      console.error(error);
      return;
    }
    if (stats?.hasErrors()) {
      console.error(stats.toString("errors-only"));
      return;
    }
    console.log(`Built at ${new Date().toLocaleTimeString()}.`);
    if (started) return;
    started = true;
    const origin = `https://localhost:${port}`;
    const stack = await startDevStack({
      addinRoot: path.join(root, "build/dev"),
      workbenchRoot: path.join(root, "build/workbench"),
      certs,
      origin,
    });
    try {
      await stack.app.listen({ port, host: "localhost" });
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      console.error(
        inUse ? `Port ${port} is in use: stop what runs there, or start with PORT=3001 npm start.` : error,
      );
      process.exit(1);
    }
    console.log(
      [
        "",
        "BlueJeans for Outlook is running.",
        `  Workbench (simulated Outlook compose window): ${origin}/workbench/workbench.html`,
        `  Task pane:                                    ${origin}/taskpane.html`,
        `  Manifest for sideloading:                     ${origin}/manifest.xml  (file: manifest.xml)`,
        `  BlueJeans API emulator:                       ${stack.emulatorUrl}`,
        `  Local identity provider (stands in for Entra): ${stack.idp.origin}`,
        "Your browser may warn about the local certificate the first time. Press Ctrl+C to stop.",
        "",
      ].join("\n"),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
