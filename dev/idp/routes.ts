/**
 * Dev-only routes that let the workbench and the browser tests drive the local identity provider:
 *
 *   GET  /__dev/idp/scenario   -> { name, scenarios, origin, tenantId }
 *   POST /__dev/idp/scenario   { name } -> the same, after switching
 *   POST /__dev/idp/naa        a token request of the workbench's fake Outlook bridge
 *
 * Register with `await app.register(idpControlRoutes(idp))` on the dev/test server only.
 */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { IdentityProvider, NaaTokenRequest } from "./index";
import { SCENARIO_NAMES, isScenarioName } from "./scenarios";

export const IDP_SCENARIO_ROUTE = "/__dev/idp/scenario";
export const IDP_NAA_ROUTE = "/__dev/idp/naa";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function naaRequestOf(body: unknown): NaaTokenRequest | string {
  if (!isObject(body)) return "expected a JSON object";
  const { method, clientId, scope, claims } = body;
  if (method !== "GetToken" && method !== "GetTokenPopup")
    return 'method must be "GetToken" or "GetTokenPopup"';
  if (typeof clientId !== "string" || clientId === "") return "clientId must be a non-empty string";
  if (typeof scope !== "string" || scope === "") return "scope must be a non-empty string";
  if (claims !== undefined && typeof claims !== "string") return "claims must be a string";
  return { method, clientId, scope, ...(claims !== undefined ? { claims } : {}) };
}

export function idpControlRoutes(idp: IdentityProvider): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const describe = () => ({
      name: idp.scenario(),
      scenarios: SCENARIO_NAMES,
      origin: idp.origin,
      tenantId: idp.tenantId,
    });

    app.get(IDP_SCENARIO_ROUTE, async (_req, reply) =>
      reply.header("Cache-Control", "no-store").send(describe()),
    );

    app.post(IDP_SCENARIO_ROUTE, async (req, reply) => {
      const name = isObject(req.body) ? req.body["name"] : undefined;
      if (!isScenarioName(name)) {
        return reply.code(400).send({ error: `name must be one of: ${SCENARIO_NAMES.join(", ")}` });
      }
      idp.setScenario(name);
      return reply.header("Cache-Control", "no-store").send(describe());
    });

    app.post(IDP_NAA_ROUTE, async (req, reply) => {
      const request = naaRequestOf(req.body);
      if (typeof request === "string") return reply.code(400).send({ error: request });
      return reply.header("Cache-Control", "no-store").send(await idp.naaToken(request));
    });
  };
}
