/**
 * Server figures for `npm run bench`: create-meeting throughput and latency through the add-in's
 * server against a bare pass-through (one Fastify route forwarding the create to the emulator
 * with a cached token and no checks), alternating runs in the same session at 1 and 64
 * connections, as ratios (server / pass-through); then the server's peak memory after 30,000
 * creates. Each runs in its own process on loopback; the load comes from autocannon in this one.
 * BENCH_SECONDS (default 3) and BENCH_PAIRS (default 3) size the runs, BENCH_MEMORY_CREATES (default
 * 30,000) the memory run; BENCH_CPU_PROF=dir writes a CPU profile of the server process there
 * (node --cpu-prof; the main thread's is the file with `.0.` after the process id, the other is
 * tsx's loader thread). `npx tsx tools/bench/benchServer.ts` runs this part alone. The server runs
 * with the node flags `npm run serve` gives it (its heap limit), so its memory is production's.
 */
import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const root = path.resolve(__dirname, "../..");
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 3);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const CONNECTIONS = [1, 64];
const MEMORY_CREATES = Number(process.env.BENCH_MEMORY_CREATES ?? 30_000);

/** The node flags of `npm run serve` (package.json), for the server process. */
function serveNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const serve = pkg.scripts.serve ?? "";
  const flags = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+--import tsx /.exec(serve)?.[1];
  return (flags ?? "").split(/\s+/).filter(Boolean);
}

function startProcess(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeFlags: string[] = [],
): Promise<{ child: ChildProcess; line: string }> {
  // tsx as a loader in this very process (no wrapper), so the pid is the server's own.
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.join(root, script)], {
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

/** CPU time a process has used, user and system, in ms (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number | undefined {
  try {
    // The name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface Figures {
  rps: number;
  /**
   * CPU the target process spent per create, in ms: what the server's own work costs, and much
   * less moved by other load on a shared machine than requests per second are.
   */
  cpuPerRequest: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  pid: number,
  url: string,
  connections: number,
  headers: Record<string, string>,
  body: string,
  amount?: number,
): Promise<Figures> {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url,
    method: "POST",
    connections,
    ...(amount ? { amount } : { duration: DURATION_S }),
    headers: { "content-type": "application/json", ...headers },
    body,
    // Every create is a new appointment: a new idempotency key each time.
    requests: [
      {
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          headers: { ...req.headers, "idempotency-key": randomUUID() },
        }),
      },
    ],
  });
  const cpuAfter = cpuMs(pid);
  return {
    rps: result.requests.average,
    cpuPerRequest:
      cpuBefore === undefined || cpuAfter === undefined
        ? NaN
        : (cpuAfter - cpuBefore) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

type Pair = { bare: Figures; server: Figures };

function medianFigures(figures: Figures[]): Figures {
  return {
    rps: median(figures.map((f) => f.rps)),
    cpuPerRequest: median(figures.map((f) => f.cpuPerRequest)),
    p50: median(figures.map((f) => f.p50)),
    p99: median(figures.map((f) => f.p99)),
    errors: figures.reduce((n, f) => n + f.errors, 0),
    non2xx: figures.reduce((n, f) => n + f.non2xx, 0),
  };
}

export async function serverFigures(): Promise<void> {
  const emulator = await startProcess("dev/emulator/main.ts", { PORT: "0" }, /BlueJeans emulator at/);
  const emulatorUrl = /at (\S+)/.exec(emulator.line)![1]!;
  const profile = process.env.BENCH_CPU_PROF;
  const target = "tools/bench/benchServerTarget.ts";
  const server = await startProcess(target, { EMULATOR_URL: emulatorUrl, BENCH_TARGET: "server" }, /^\{/, [
    ...serveNodeFlags(),
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []),
  ]);
  const bare = await startProcess(target, { EMULATOR_URL: emulatorUrl, BENCH_TARGET: "passthrough" }, /^\{/);
  const { url: serverUrl, token } = JSON.parse(server.line) as { url: string; token: string };
  const { url: bareUrl } = JSON.parse(bare.line) as { url: string };
  try {
    const start = Date.UTC(2026, 11, 1, 10);
    const request = JSON.stringify({
      title: "Load test",
      start: new Date(start).toISOString(),
      end: new Date(start + 1800_000).toISOString(),
      timeZone: "Europe/Berlin",
      attendees: ["sam@contoso.example"],
      options: { attendeePasscode: true },
    });
    // Both get the same requests (the token, a fresh key each), which the pass-through ignores: the
    // load generator, on the same CPUs, does the same work for both.
    const via = (pid: number, url: string) => (connections: number, amount?: number) =>
      load(pid, `${url}/api/meetings`, connections, { authorization: `Bearer ${token}` }, request, amount);
    const viaServer = via(server.child.pid!, serverUrl);
    const viaBare = via(bare.child.pid!, bareUrl);
    // Warm both (JIT, connection pools, the BlueJeans token and user caches).
    await viaBare(8);
    await viaServer(8);

    console.log(
      `\nCreate meeting: server against a bare pass-through (autocannon, ${PAIRS} alternating pairs of ${DURATION_S} s, loopback; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs)`,
    );
    console.log(
      `${"connections".padEnd(12)} ${"pass-through rps / p50 / p99".padStart(30)} ${"server rps / p50 / p99".padStart(30)} ${"rps ratio".padStart(10)} ${"p50 ratio".padStart(10)} ${"CPU ms/create".padStart(14)} ${"CPU ratio".padStart(10)}`,
    );
    const fmt = (f: Figures) =>
      `${f.rps.toFixed(0)} / ${f.p50.toFixed(1)} / ${f.p99.toFixed(1)} ms${f.errors + f.non2xx ? ` (${f.errors + f.non2xx} failed)` : ""}`;
    for (const connections of CONNECTIONS) {
      const pairs: Pair[] = [];
      for (let i = 0; i < PAIRS; i++) {
        // Alternate which goes first, so drift on a shared machine falls on both.
        if (i % 2 === 0) {
          const b = await viaBare(connections);
          pairs.push({ bare: b, server: await viaServer(connections) });
        } else {
          const s = await viaServer(connections);
          pairs.push({ server: s, bare: await viaBare(connections) });
        }
      }
      const rpsRatio = median(pairs.map((p) => p.server.rps / p.bare.rps));
      const p50Ratio = median(pairs.map((p) => (p.bare.p50 > 0 ? p.server.p50 / p.bare.p50 : NaN)));
      const cpuRatio = median(pairs.map((p) => p.server.cpuPerRequest / p.bare.cpuPerRequest));
      const cpu = `${medianFigures(pairs.map((p) => p.bare)).cpuPerRequest.toFixed(2)} / ${medianFigures(pairs.map((p) => p.server)).cpuPerRequest.toFixed(2)}`;
      console.log(
        `${String(connections).padEnd(12)} ${fmt(medianFigures(pairs.map((p) => p.bare))).padStart(30)} ${fmt(medianFigures(pairs.map((p) => p.server))).padStart(30)} ${`${rpsRatio.toFixed(2)}x`.padStart(10)} ${(Number.isNaN(p50Ratio) ? "n/a" : `${p50Ratio.toFixed(2)}x`).padStart(10)} ${cpu.padStart(14)} ${`${cpuRatio.toFixed(2)}x`.padStart(10)}`,
      );
    }
    console.log(
      "target at 64 connections: rps ratio >= 0.90x, p50 ratio <= 1.10x (median of pair ratios; p50 is whole ms, n/a when the pass-through's is 0;\n" +
        "  with one request in flight per connection, the mean latency ratio is roughly the rps ratio's inverse)",
    );
    console.log(
      "CPU ms/create: pass-through / server, CPU each process used per create (/proc, 10 ms ticks)",
    );

    const many = await viaServer(64, MEMORY_CREATES);
    const peak = peakMemoryMb(server.child.pid!);
    console.log(
      `server peak memory (VmHWM, node ${serveNodeFlags().join(" ") || "defaults"}) after ${MEMORY_CREATES.toLocaleString("en-US")} more creates: ${peak === undefined ? "n/a" : `${peak.toFixed(0)} MB`}` +
        (many.errors + many.non2xx ? ` (${many.errors + many.non2xx} failed)` : ""),
    );
  } finally {
    // SIGINT lets node write the CPU profile on its way out.
    const serverExited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill(profile ? "SIGINT" : "SIGTERM");
    bare.child.kill();
    emulator.child.kill();
    await serverExited;
    if (profile) {
      const files = readdirSync(profile).filter((f) => f.includes(`.${server.child.pid}.0.`));
      console.log(
        `server CPU profile: ${files.map((f) => path.join(profile, f)).join(", ") || "none written"}`,
      );
    }
  }
}

if (require.main === module) {
  serverFigures().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
