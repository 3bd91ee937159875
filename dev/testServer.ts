/**
 * Serves the production build (dist/) with the workbench and the local stand-ins beside it, for
 * browser tests and the benchmark: what the tests exercise is exactly what ships.
 */
import path from "node:path";
import { devCerts } from "./certs";
import { startDevStack } from "./devServer";

const root = path.resolve(__dirname, "..");
const port = Number(process.env.PORT ?? 3100);

startDevStack({
  addinRoot: path.join(root, process.env.ADDIN_ROOT ?? "dist"),
  workbenchRoot: path.join(root, "build/workbench"),
  certs: devCerts(),
  origin: `https://127.0.0.1:${port}`,
})
  .then((stack) => stack.app.listen({ port, host: "127.0.0.1" }))
  .then((address) => console.log(`Test server at ${address}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
