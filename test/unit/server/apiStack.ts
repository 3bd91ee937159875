/**
 * The add-in's server with its meetings API, wired as production wires it (createMeetingsDeps),
 * backed by the real BlueJeans client talking to the emulator over HTTP, and the test issuer
 * standing in for Entra ID.
 */
import type { FastifyInstance } from "fastify";
import { Writable } from "node:stream";
import type { CryptoKey } from "jose";
import { buildEmulator, DEFAULT_SEED } from "../../../dev/emulator";
import { startTestIssuer, TEST_CLIENT_ID, TEST_TENANT, type TestIssuer } from "../../../dev/testIssuer";
import { buildApp, type AppOptions } from "../../../src/server/app";
import type { BlueJeansClientOptions } from "../../../src/server/bluejeans";
import { createMeetingsDeps, type MeetingsWiring } from "../../../src/server/wiring";

export const TENANT = TEST_TENANT;
export const CLIENT_ID = TEST_CLIENT_ID;

/** A meeting request as the pane sends it. */
export const SAMPLE_REQUEST = {
  title: "Q3 planning",
  start: "2026-12-01T10:00:00.000Z",
  end: "2026-12-01T10:30:00.000Z",
  timeZone: "Europe/Berlin",
  attendees: ["sam@contoso.example"],
  options: { attendeePasscode: true, muteOnEntry: true },
};

/** One stack for a test file, its BlueJeans back to the seed before each test. */
export function useApiStack(options?: StackOptions): () => ApiStack {
  let stack: ApiStack | undefined;
  beforeAll(async () => {
    stack = await startApiStack(options);
  });
  afterAll(() => stack?.close());
  beforeEach(async () => {
    await fetch(`${stack!.emulatorUrl}/__emulator/reset`, { method: "POST" });
  });
  return () => stack!;
}

export interface StackOptions {
  /** Settings of the BlueJeans client (timeouts, a fetch that fails like a network). */
  bluejeans?: Partial<BlueJeansClientOptions>;
  /** Settings of the server itself (timeouts, static root, production). */
  app?: Partial<Omit<AppOptions, "meetings">>;
  wiring?: Partial<Omit<MeetingsWiring, "bluejeans">>;
}

export interface ApiStack {
  app: FastifyInstance;
  /** Another instance of the server against the same BlueJeans and identity provider. */
  startInstance(options?: StackOptions): Promise<FastifyInstance>;
  emulatorUrl: string;
  issuer: TestIssuer;
  logLines: string[];
  tokenFor(claims?: Record<string, unknown>, signWith?: CryptoKey): Promise<string>;
  strangerKey: CryptoKey;
  activeMeetings(): Promise<number>;
  close(): Promise<void>;
}

export async function startApiStack(options: StackOptions = {}): Promise<ApiStack> {
  const issuer = await startTestIssuer();
  const emulator = await buildEmulator();
  const emulatorUrl = await emulator.listen({ port: 0, host: "127.0.0.1" });
  const logLines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const instances: FastifyInstance[] = [];
  const startInstance = async (o: StackOptions = options) => {
    const instance = await buildApp({
      staticRoot: __dirname,
      logger: { level: "trace", stream, redact: ["req.headers.authorization"] },
      ...o.app,
      meetings: createMeetingsDeps({
        addinClientId: CLIENT_ID,
        addinOrigin: "https://localhost:3000",
        allowedTenants: [TENANT],
        issuerTemplate: issuer.issuerTemplate,
        jwksTemplate: issuer.jwksTemplate,
        ...o.wiring,
        bluejeans: {
          baseUrl: emulatorUrl,
          clientId: DEFAULT_SEED.clientId,
          clientSecret: DEFAULT_SEED.clientSecret,
          enterpriseId: DEFAULT_SEED.enterpriseId,
          timeoutMs: 2000,
          maxRetries: 1,
          sleep: async () => undefined,
          ...o.bluejeans,
        },
      }),
    });
    instances.push(instance);
    return instance;
  };
  const app = await startInstance();

  return {
    app,
    startInstance,
    emulatorUrl,
    issuer,
    logLines,
    strangerKey: issuer.strangerKey,
    tokenFor: (claims, signWith) =>
      issuer.mint({ ...(claims ? { claims } : {}), ...(signWith ? { key: signWith } : {}) }),
    activeMeetings: async () => {
      const state = (await (await fetch(`${emulatorUrl}/__emulator/state`)).json()) as {
        meetings: { active: number };
      };
      return state.meetings.active;
    },
    close: async () => {
      for (const instance of instances) await instance.close();
      await emulator.close();
      await issuer.close();
    },
  };
}
