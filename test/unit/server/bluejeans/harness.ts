/**
 * The emulator listening on 127.0.0.1 (port 0) and clients pointed at it, with every exchange
 * captured by wrapping the client's fetch, waits recorded instead of slept, and the emulator's
 * control endpoints at hand.
 */
import type { FastifyInstance } from "fastify";
import {
  createBlueJeansClient,
  type BlueJeansApi,
  type BlueJeansClientOptions,
} from "../../../../src/server/bluejeans";
import {
  buildEmulator,
  DEFAULT_SEED,
  type EmulatorOptions,
  type FaultRuleInput,
} from "../../../../dev/emulator";
import type { CapturedRequest, CapturedResponse } from "./contract";

export interface Exchange {
  request: CapturedRequest;
  response?: CapturedResponse;
  /** Why no response: the fetch failed (timeout abort, connection refused). */
  failure?: string;
}

export interface EmulatorSnapshot {
  meetings: { total: number; active: number; deleted: number };
  tokens: { requests: number; issued: number; active: number };
  requests: { total: number; byRoute: Record<string, number> };
  faults: Array<{ id: number; hits: number; remaining: number | null }>;
}

export interface Harness {
  app: FastifyInstance;
  baseUrl: string;
  exchanges: Exchange[];
  /** Every wait the clients asked for, in ms. */
  sleeps: number[];
  /** Every log event from clients made here. */
  logs: object[];
  client(overrides?: Partial<BlueJeansClientOptions>): BlueJeansApi;
  /** A fetch that records exchanges, for clients built by hand. */
  capturingFetch: typeof fetch;
  fault(rule: FaultRuleInput): Promise<void>;
  clearFaults(): Promise<void>;
  state(): Promise<EmulatorSnapshot>;
  /** Emulator requests to one route so far, e.g. "GET /v1/user/:user_id/scheduled_meeting/:meeting_id". */
  count(route: string): Promise<number>;
  advanceClock(ms: number): Promise<void>;
  reset(): Promise<void>;
  /** Waits until every captured response body has been read. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export const ALEX = { id: 1001, email: "alex@contoso.example" };
export const ROUTES = {
  token: "POST /oauth2/token",
  users: "GET /v1/enterprise/:enterpriseId/users",
  create: "POST /v1/user/:user_id/scheduled_meeting",
  get: "GET /v1/user/:user_id/scheduled_meeting/:meeting_id",
  update: "PUT /v1/user/:user_id/scheduled_meeting/:meeting_id",
  delete: "DELETE /v1/user/:user_id/scheduled_meeting/:meeting_id",
  numbers: "GET /v1/user/:user_id/meetings/:meeting_id/numbers",
};

function lowerCaseHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key.toLowerCase()] = value));
  return out;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const app = await buildEmulator(options);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = address.replace("localhost", "127.0.0.1");
  const exchanges: Exchange[] = [];
  const pending: Array<Promise<void>> = [];
  const sleeps: number[] = [];
  const logs: object[] = [];
  const seed = { ...DEFAULT_SEED, ...options.seed };

  const capturingFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const exchange: Exchange = {
      request: {
        method: (init?.method ?? "GET").toUpperCase(),
        url,
        headers: lowerCaseHeaders(new Headers(init?.headers)),
        body: typeof init?.body === "string" ? init.body : undefined,
      },
    };
    exchanges.push(exchange);
    try {
      const response = await fetch(input, init);
      pending.push(
        response
          .clone()
          .text()
          .then((body) => {
            exchange.response = {
              status: response.status,
              headers: lowerCaseHeaders(response.headers),
              body,
            };
          })
          .catch((error: unknown) => {
            exchange.failure = String(error);
          }),
      );
      return response;
    } catch (error) {
      exchange.failure = String(error);
      throw error;
    }
  };

  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${baseUrl}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} /__emulator${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };

  const state = async () => (await control("GET", "/state")) as EmulatorSnapshot;

  return {
    app,
    baseUrl,
    exchanges,
    sleeps,
    logs,
    capturingFetch,
    client: (overrides = {}) =>
      createBlueJeansClient({
        baseUrl,
        clientId: seed.clientId,
        clientSecret: seed.clientSecret,
        enterpriseId: seed.enterpriseId,
        timeoutMs: 2_000,
        fetch: capturingFetch,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
        log: (event) => logs.push(event),
        ...overrides,
      }),
    fault: async (rule) => {
      await control("POST", "/faults", rule);
    },
    clearFaults: async () => {
      await control("DELETE", "/faults");
    },
    state,
    count: async (route) => (await state()).requests.byRoute[route] ?? 0,
    advanceClock: async (ms) => {
      await control("POST", "/clock", { advanceMs: ms });
    },
    reset: async () => {
      await control("POST", "/reset");
      exchanges.length = 0;
      sleeps.length = 0;
      logs.length = 0;
    },
    settled: async () => {
      await Promise.all(pending);
    },
    close: () => app.close(),
  };
}

/** A meeting input a day from now, an hour long. */
export function meetingInput(overrides: Partial<Parameters<BlueJeansApi["createMeeting"]>[1]> = {}) {
  const start = new Date(Date.UTC(2031, 0, 15, 14, 0, 0));
  return {
    title: "Quarterly planning",
    description: "Agenda in the invitation.",
    start,
    end: new Date(start.getTime() + 3_600_000),
    timezone: "Europe/Berlin",
    attendees: ["sam@contoso.example", "robin@contoso.example"],
    attendeePasscode: true,
    ...overrides,
  };
}
