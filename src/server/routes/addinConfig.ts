/** `/config.json`: the pane's runtime configuration, as validated when the server started. */
import type { FastifyPluginAsync } from "fastify";
import type { AddinConfig } from "../../shared/consent/config";

export const addinConfigRoute: FastifyPluginAsync<{
  config: AddinConfig;
  scheduledMeetings: boolean;
}> = async (app, { config, scheduledMeetings }) => {
  // The pane offers "New BlueJeans meeting" only where this server can create them.
  const served: AddinConfig = { ...config, features: { scheduledMeetings } };
  app.get("/config.json", async (_request, reply) => reply.header("Cache-Control", "no-cache").send(served));
};
