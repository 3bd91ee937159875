/**
 * The emulator's own endpoints, under /__emulator (never subject to faults):
 * - POST   /__emulator/faults  `{path?, method?, fault, times?}` adds a rule; 201 with the rule
 * - GET    /__emulator/faults  lists the rules with their hits
 * - DELETE /__emulator/faults  removes every rule
 * - GET    /__emulator/state   counts: meetings, tokens, requests by route, recent requests
 * - GET    /__emulator/meetings  the meetings not deleted: id, owner, title, numeric meeting ID
 * - POST   /__emulator/reset   back to the seed (meetings, tokens, faults, counters, clock)
 * - POST   /__emulator/clock   `{advanceMs}` moves the emulator's clock (token expiry)
 */
import type { FastifyInstance } from "fastify";
import { FaultSyntaxError } from "./faults";
import type { EmulatorState } from "./state";

export const CONTROL_PREFIX = "/__emulator";

export function registerControl(app: FastifyInstance, state: EmulatorState): void {
  app.post(`${CONTROL_PREFIX}/faults`, async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    const fault = body?.fault;
    const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);
    if (typeof fault !== "string") return reply.code(400).send({ message: "fault is required" });
    if (body?.times !== undefined && typeof body.times !== "number") {
      return reply.code(400).send({ message: "times must be a number" });
    }
    try {
      const rule = state.faults.add({
        fault,
        path: optionalString(body?.path),
        method: optionalString(body?.method),
        times: typeof body?.times === "number" ? body.times : undefined,
      });
      return reply.code(201).send(rule);
    } catch (error) {
      if (error instanceof FaultSyntaxError) return reply.code(400).send({ message: error.message });
      throw error;
    }
  });

  app.get(`${CONTROL_PREFIX}/faults`, async () => state.faults.list());

  app.delete(`${CONTROL_PREFIX}/faults`, async (_request, reply) => {
    state.faults.clear();
    return reply.code(204).send();
  });

  app.get(`${CONTROL_PREFIX}/state`, async () => state.snapshot());

  // What BlueJeans holds, for tests that check no meeting was left behind.
  app.get(`${CONTROL_PREFIX}/meetings`, async () =>
    [...state.meetings.values()]
      .filter((meeting) => !meeting.deleted)
      .map(({ id, ownerId, title, numericMeetingId }) => ({ id, ownerId, title, numericMeetingId })),
  );

  app.post(`${CONTROL_PREFIX}/reset`, async (_request, reply) => {
    state.reset();
    return reply.code(204).send();
  });

  app.post(`${CONTROL_PREFIX}/clock`, async (request, reply) => {
    const advance = (request.body as Record<string, unknown> | null)?.advanceMs;
    if (typeof advance !== "number" || !Number.isFinite(advance)) {
      return reply.code(400).send({ message: "advanceMs must be a number" });
    }
    state.clockOffsetMs += advance;
    return { now: state.now(), clockOffsetMs: state.clockOffsetMs };
  });
}
