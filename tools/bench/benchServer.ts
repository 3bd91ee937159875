/**
 * Server figures for `npm run bench`: create-meeting throughput and latency through the add-in's
 * server, beside the same load sent straight to the BlueJeans emulator in the same run (the
 * difference is the server's own cost), and the server's peak memory. Each runs in its own
 * process on loopback; the load comes from autocannon in this one.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { DEFAULT_SEED } from "../../dev/emulator";

const root = path.resolve(__dirname, "../..");
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = [1, 16, 64];

function startProcess(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), path.join(root, script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      if (ready.test(line)) resolve({ child, line });
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** Peak resident memory of a process, from the kernel's own record (Linux). */
function peakMemoryMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  url: string,
  connections: number,
  headers: Record<string, string>,
  body: string,
  perRequestKey: boolean,
): Promise<Figures> {
  const result = await autocannon({
    url,
    method: "POST",
    connections,
    duration: DURATION_S,
    headers: { "content-type": "application/json", ...headers },
    body,
    // Every create through the server is a new appointment: a new idempotency key each time.
    ...(perRequestKey
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: { ...req.headers, "idempotency-key": randomUUID() },
              }),
            },
          ],
        }
      : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function serverFigures(): Promise<void> {
  const emulator = await startProcess("dev/emulator/main.ts", { PORT: "0" }, /BlueJeans emulator at/);
  const emulatorUrl = /at (\S+)/.exec(emulator.line)![1]!;
  const server = await startProcess("tools/bench/benchServerTarget.ts", { EMULATOR_URL: emulatorUrl }, /^\{/);
  const { url: serverUrl, token } = JSON.parse(server.line) as { url: string; token: string };
  try {
    const tokenResponse = await fetch(`${emulatorUrl}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: DEFAULT_SEED.clientId,
        client_secret: DEFAULT_SEED.clientSecret,
      }),
    });
    const enterpriseToken = ((await tokenResponse.json()) as { access_token: string }).access_token;
    const start = Date.UTC(2026, 11, 1, 10);
    const direct = JSON.stringify({
      title: "Load test",
      description: "Scheduled from Outlook with BlueJeans for Outlook.",
      start,
      end: start + 1800_000,
      timezone: "Europe/Berlin",
      endPointType: "WEB_APP",
      endPointVersion: "2.10",
      attendees: [{ email: "sam@contoso.example" }],
      addAttendeePasscode: true,
      advancedMeetingOptions: { moderatorLess: false, muteParticipantsOnEntry: false, autoRecord: false },
    });
    const viaServer = JSON.stringify({
      title: "Load test",
      start: new Date(start).toISOString(),
      end: new Date(start + 1800_000).toISOString(),
      timeZone: "Europe/Berlin",
      attendees: ["sam@contoso.example"],
      options: { attendeePasscode: true },
    });

    console.log(`\nCreate meeting under load (autocannon, ${DURATION_S} s a run, loopback)`);
    console.log(
      `${"connections".padEnd(12)} ${"emulator rps / p50 / p99".padStart(28)} ${"server rps / p50 / p99".padStart(28)} ${"p50 added".padStart(10)}`,
    );
    const fmt = (f: Figures) =>
      `${f.rps.toFixed(0)} / ${f.p50.toFixed(1)} / ${f.p99.toFixed(1)} ms${f.errors + f.non2xx ? ` (${f.errors + f.non2xx} failed)` : ""}`;
    for (const connections of CONNECTIONS) {
      const straight = await load(
        `${emulatorUrl}/v1/user/1001/scheduled_meeting?email=false`,
        connections,
        { authorization: `Bearer ${enterpriseToken}` },
        direct,
        false,
      );
      const through = await load(
        `${serverUrl}/api/meetings`,
        connections,
        { authorization: `Bearer ${token}` },
        viaServer,
        true,
      );
      const added =
        straight.p50 > 0 ? `${(((through.p50 - straight.p50) / straight.p50) * 100).toFixed(0)}%` : "n/a";
      console.log(
        `${String(connections).padEnd(12)} ${fmt(straight).padStart(28)} ${fmt(through).padStart(28)} ${added.padStart(10)}`,
      );
    }
    const peak = peakMemoryMb(server.child.pid!);
    console.log(`server peak memory (VmHWM): ${peak === undefined ? "n/a" : `${peak.toFixed(0)} MB`}`);
    console.log("target: the server adds at most 25% to the emulator's p50 at 64 connections");
  } finally {
    server.child.kill();
    emulator.child.kill();
  }
}

if (require.main === module) {
  serverFigures().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
