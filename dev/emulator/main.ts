/**
 * Runs the BlueJeans emulator on its own: `npx tsx dev/emulator/main.ts` (PORT, default 4100,
 * on 127.0.0.1). Prints the base URL, the seeded credentials and users, and the control endpoints.
 */
import { buildEmulator, DEFAULT_SEED } from "./index";

const port = Number(process.env.PORT ?? 4100);

buildEmulator({ logger: process.env.EMULATOR_LOG === "1" })
  .then((app) => app.listen({ port, host: "127.0.0.1" }))
  .then((url) => {
    const lines = [
      `BlueJeans emulator at ${url}`,
      `  enterprise id: ${DEFAULT_SEED.enterpriseId}`,
      `  client id:     ${DEFAULT_SEED.clientId}`,
      `  client secret: ${DEFAULT_SEED.clientSecret}   (development seed, not a secret)`,
      `  users:         ${DEFAULT_SEED.users.map((user) => `${user.email} (${user.id})`).join(", ")}`,
      `  control:       POST/GET/DELETE ${url}/__emulator/faults, GET ${url}/__emulator/state,`,
      `                 POST ${url}/__emulator/reset, POST ${url}/__emulator/clock`,
      `  faults:        header X-Emulator-Fault: latency=500 | status=500 | status=429;retry-after=1 | hang | malformed | expire-token`,
    ];
    console.log(lines.join("\n"));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
