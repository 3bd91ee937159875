/**
 * The add-in server as `npm start` and the browser tests run it: the real server (src/server)
 * with its meetings API, plus what stands in for the outside world on this machine — the
 * BlueJeans emulator, a local identity provider in place of Entra ID — and the workbench.
 * Dev-only: none of this is in src/server.
 */
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { readFile } from "node:fs/promises";
import { get as httpsGet } from "node:https";
import path from "node:path";
import { parseConfig, type AddinConfig } from "../src/shared/consent/config";
import { buildApp } from "../src/server/app";
import { createMeetingsDeps } from "../src/server/wiring";
import type { DevCerts } from "./certs";
import { buildEmulator, DEFAULT_SEED } from "./emulator";
import { DEV_USER, startIdentityProvider, type IdentityProvider } from "./idp";
import { idpControlRoutes } from "./idp/routes";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SHIM = "/workbench/office-shim.js";
/** Pages that load office.js; the workbench serves them with its fake host instead. */
const OFFICE_PAGES = ["taskpane.html", "commands.html", "consent-callback.html", "auth-dialog.html"];

export interface DevServerOptions {
  addinRoot: string;
  workbenchRoot: string;
  certs: DevCerts;
  /** The origin the pages are served from, for the API's audience. */
  origin: string;
}

export interface DevStack {
  app: FastifyInstance;
  idp: IdentityProvider;
  emulator: FastifyInstance;
  emulatorUrl: string;
  close(): Promise<void>;
}

/** The add-in's pages as the workbench frames them: office.js swapped for the fake host's shim. */
async function pageWithShim(addinRoot: string, page: string): Promise<string> {
  const html = await readFile(path.join(addinRoot, page), "utf8");
  if (!html.includes(OFFICE_JS)) throw new Error(`${page} does not load office.js`);
  return html.replace(OFFICE_JS, SHIM);
}

/** GET over https trusting the local development CA (Node's fetch trusts only public ones). */
function fetchTrusting(ca: Buffer, url: string, signal?: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpsGet(url, { ca, signal }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve(new Response(Buffer.concat(chunks), { status: response.statusCode ?? 502 })),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** The dev configuration pointed at the running identity provider. */
async function devAddinConfig(idp: IdentityProvider): Promise<AddinConfig> {
  const raw = JSON.parse(await readFile(path.join(__dirname, "addin-config.dev.json"), "utf8")) as object;
  const parsed = parseConfig({ ...raw, authority: idp.origin, knownAuthorities: [new URL(idp.origin).host] });
  if (!parsed.ok) throw new Error(`dev/addin-config.dev.json: ${parsed.problems.join("; ")}`);
  return parsed.config;
}

export async function startDevStack(options: DevServerOptions): Promise<DevStack> {
  const idp = await startIdentityProvider({ certs: options.certs });
  // The local identity provider's user has a BlueJeans account in the emulator.
  const emulator = await buildEmulator({
    seed: {
      users: [
        ...DEFAULT_SEED.users,
        {
          id: 1100,
          username: "alexw",
          email: DEV_USER.preferredUsername,
          firstName: "Alex",
          lastName: "Wilber",
          personalMeetingId: "4155550110",
          personalPasscode: "2468",
        },
      ],
    },
  });
  const emulatorUrl = await emulator.listen({ port: 0, host: "127.0.0.1" });
  const addinConfig = await devAddinConfig(idp);

  const app = await buildApp({
    staticRoot: options.addinRoot,
    https: { key: options.certs.key, cert: options.certs.cert },
    addinConfig,
    connectOrigins: [idp.origin],
    // Development: the browser may show the source.
    serveSourceMaps: true,
    meetings: createMeetingsDeps({
      addinClientId: addinConfig.clientId,
      addinOrigin: options.origin,
      allowedTenants: [idp.tenantId],
      issuerTemplate: `${idp.origin}/{tenant}/v2.0`,
      jwksTemplate: idp.jwksUrl,
      // The identity provider's certificate is the local development one.
      fetchKeys: (url, init) => fetchTrusting(options.certs.ca, url, init.signal),
      bluejeans: {
        baseUrl: emulatorUrl,
        clientId: DEFAULT_SEED.clientId,
        clientSecret: DEFAULT_SEED.clientSecret,
        enterpriseId: DEFAULT_SEED.enterpriseId,
      },
    }),
  });
  await app.register(idpControlRoutes(idp));
  // For the browser tests: what the emulated BlueJeans holds (meeting counts, requests by route; its meetings).
  app.get("/__dev/emulator/state", async (_req, reply) =>
    reply
      .header("Cache-Control", "no-store")
      .send(await (await fetch(`${emulatorUrl}/__emulator/state`)).json()),
  );
  app.get("/__dev/emulator/meetings", async (_req, reply) =>
    reply
      .header("Cache-Control", "no-store")
      .send(await (await fetch(`${emulatorUrl}/__emulator/meetings`)).json()),
  );
  // For the workbench's "BlueJeans fails" switch: faults of the emulated BlueJeans.
  app.post("/__dev/emulator/faults", async (req, reply) => {
    const answer = await fetch(`${emulatorUrl}/__emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(req.body ?? {}),
    });
    return reply
      .code(answer.status)
      .header("Cache-Control", "no-store")
      .send(await answer.json());
  });
  app.delete("/__dev/emulator/faults", async (_req, reply) => {
    const answer = await fetch(`${emulatorUrl}/__emulator/faults`, { method: "DELETE" });
    return reply.code(answer.status).send();
  });
  for (const page of OFFICE_PAGES) {
    app.get(`/workbench/${page}`, async (_req, reply) =>
      reply
        .type("text/html; charset=utf-8")
        .header("Cache-Control", "no-cache")
        .send(await pageWithShim(options.addinRoot, page)),
    );
  }
  app.get("/", async (_req, reply) => reply.redirect("/workbench/workbench.html"));
  app.get("/workbench.html", async (_req, reply) => reply.redirect("/workbench/workbench.html"));
  await app.register(fastifyStatic, {
    root: options.workbenchRoot,
    prefix: "/workbench/",
    decorateReply: false,
  });
  return {
    app,
    idp,
    emulator,
    emulatorUrl,
    close: async () => {
      await app.close();
      await emulator.close();
      await idp.stop();
    },
  };
}
