/**
 * A BlueJeans Meetings API emulator for development and tests: the subset the add-in uses
 * (client-credentials token, user search, scheduled meetings, dial-in numbers, personal meeting),
 * in memory, with fault injection. See api.ts for the API, faults.ts for the fault syntax and
 * control.ts for the /__emulator endpoints.
 */
import type { ServerResponse } from "node:http";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { registerApi } from "./api";
import { CONTROL_PREFIX, registerControl } from "./control";
import { FaultSyntaxError, mergeFaults, parseFault, type Fault } from "./faults";
import { DEFAULT_SEED, resolveSeed, type EmulatorSeedInput } from "./seed";
import { EmulatorState } from "./state";

export { DEFAULT_SEED, type EmulatorSeed, type EmulatorSeedInput, type EmulatorQuirks } from "./seed";
export { parseFault, type Fault, type FaultRuleInput } from "./faults";

export interface EmulatorOptions {
  seed?: EmulatorSeedInput;
  /** The emulator's clock (token expiry). Default Date.now; /__emulator/clock moves it further. */
  now?: () => number;
  logger?: boolean;
}

/** Marks every answer shaped by a fault, so contract checks can tell them apart. */
export const FAULT_HEADER = "x-emulator-fault";

const STATUS_MESSAGES: Record<number, string> = {
  401: "Invalid or expired access token",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function pathOf(request: FastifyRequest): string {
  return request.url.split("?")[0] ?? request.url;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
}

export async function buildEmulator(options: EmulatorOptions = {}): Promise<FastifyInstance> {
  const seed = resolveSeed(options.seed);
  const state = new EmulatorState(seed, options.now ?? Date.now);
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  const faultOf = new WeakMap<FastifyRequest, Fault>();
  const hanging = new Set<ServerResponse>();

  app.addHook("onRequest", async (request, reply) => {
    const path = pathOf(request);
    if (path.startsWith(CONTROL_PREFIX)) return;
    state.requests += 1;
    const route = `${request.method} ${request.routeOptions.url ?? path}`;
    state.byRoute[route] = (state.byRoute[route] ?? 0) + 1;
    // Every token request that arrives, including those a fault answers.
    if (request.method === "POST" && path === "/oauth2/token") state.tokenRequests += 1;

    let fromHeader: Fault | undefined;
    const header = request.headers[FAULT_HEADER];
    if (typeof header === "string" && header.trim() !== "") {
      try {
        fromHeader = parseFault(header);
      } catch (error) {
        if (!(error instanceof FaultSyntaxError)) throw error;
        return reply.code(400).send({ message: `X-Emulator-Fault: ${error.message}` });
      }
    }
    const fault = mergeFaults(state.faults.take(request.method, path), fromHeader);
    if (!fault) return;
    faultOf.set(request, fault);
    reply.header(FAULT_HEADER, Object.keys(fault).join(","));

    if (fault.latencyMs) await delay(fault.latencyMs);
    if (fault.hang) {
      reply.hijack();
      const raw = reply.raw;
      hanging.add(raw);
      raw.on("close", () => hanging.delete(raw));
      state.record({ method: request.method, path, status: "hang", fault: "hang" });
      return;
    }
    if (fault.expireToken) {
      const token = bearerOf(request);
      if (token) state.tokens.delete(token);
      return reply.code(401).send({ message: "The access token has expired" });
    }
    if (fault.status !== undefined) {
      if (fault.retryAfter !== undefined) reply.header("retry-after", fault.retryAfter);
      return reply.code(fault.status).send({ message: STATUS_MESSAGES[fault.status] ?? "Injected failure" });
    }
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const malformed = faultOf.get(request)?.malformed;
    if (!malformed) return payload;
    if (malformed === "empty") return "";
    if (malformed === "html") {
      reply.header("content-type", "text/html; charset=utf-8");
      return "<html><body><h1>502 Bad Gateway</h1></body></html>";
    }
    const text = typeof payload === "string" ? payload : "";
    return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  });

  app.addHook("onResponse", async (request, reply) => {
    const path = pathOf(request);
    if (path.startsWith(CONTROL_PREFIX)) return;
    const fault = faultOf.get(request);
    state.record({
      method: request.method,
      path,
      status: reply.statusCode,
      ...(fault ? { fault: Object.keys(fault).join(",") } : {}),
    });
  });

  // A hanging request would otherwise keep close() waiting.
  app.addHook("preClose", async () => {
    for (const raw of hanging) raw.destroy();
    hanging.clear();
  });

  registerControl(app, state);
  registerApi(app, state);
  return app;
}

/**
 * An access token from a running emulator, asked for as BlueJeans clients do (client
 * credentials of the seed's enterprise app). For tests and the bench.
 */
const DEFAULT_SEED_CREDENTIALS = { clientId: DEFAULT_SEED.clientId, clientSecret: DEFAULT_SEED.clientSecret };

export async function emulatorAccessToken(
  emulatorUrl: string,
  credentials: { clientId: string; clientSecret: string } = DEFAULT_SEED_CREDENTIALS,
  doFetch: typeof fetch = fetch,
): Promise<string> {
  const response = await doFetch(`${emulatorUrl}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }),
  });
  const grant = (await response.json()) as { access_token?: unknown };
  if (!response.ok || typeof grant.access_token !== "string") {
    throw new Error(`the emulator gave no token (HTTP ${response.status})`);
  }
  return grant.access_token;
}
