/**
 * `/.well-known/microsoft-officeaddins-allowed.json`: classic Outlook on Windows runs the event
 * runtime's script on its own and fetches only from origins that list it here.
 */
import type { FastifyInstance } from "fastify";

/** The event runtime's script in dist/ (webpack.config.js names it). */
export const EVENTS_SCRIPT_PATH = "/events.js";

export function allowedScripts(origin: string): { allowed: string[] } {
  return { allowed: [`${origin.replace(/\/+$/, "")}${EVENTS_SCRIPT_PATH}`] };
}

/** Registers the file; `addinOrigin` is where the add-in is served (else the request's own origin). */
export async function wellKnownRoutes(app: FastifyInstance, addinOrigin?: string): Promise<void> {
  app.get("/.well-known/microsoft-officeaddins-allowed.json", async (request, reply) => {
    const origin = addinOrigin ?? `${request.protocol}://${request.host}`;
    return reply.header("Cache-Control", "no-cache").send(allowedScripts(origin));
  });
}
