/**
 * The add-in server plus the workbench, for `npm start` and the browser tests. Dev-only: the
 * workbench routes exist here, never in src/server.
 */
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buildApp } from "../src/server/app";
import type { DevCerts } from "./certs";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const SHIM = "/workbench/office-shim.js";

export interface DevServerOptions {
  addinRoot: string;
  workbenchRoot: string;
  certs: DevCerts;
}

/** The add-in's pages as the workbench frames them: office.js swapped for the fake host's shim. */
async function pageWithShim(addinRoot: string, page: string): Promise<string> {
  const html = await readFile(path.join(addinRoot, page), "utf8");
  if (!html.includes(OFFICE_JS)) throw new Error(`${page} does not load office.js`);
  return html.replace(OFFICE_JS, SHIM);
}

export async function buildDevApp(options: DevServerOptions): Promise<FastifyInstance> {
  const app = await buildApp({
    staticRoot: options.addinRoot,
    https: { key: options.certs.key, cert: options.certs.cert },
  });
  for (const page of ["taskpane.html", "commands.html"]) {
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
  return app;
}
