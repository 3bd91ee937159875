/**
 * What every meetings-API route needs before it calls BlueJeans: the BlueJeans account of the
 * signed-in person, and (for `/api/meetings/:id...`) the meeting id from the path. One place for
 * both, so every route answers a missing account or a bad id the same way.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ApiErrorBody } from "../../shared/api/meetings";
import type { BlueJeansApi } from "../bluejeans";

/** A refusal with the API's error body; the meetings scope's error handler sends it. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

declare module "fastify" {
  interface FastifyRequest {
    /** The meeting id of `/api/meetings/:id...`, set by `meetingIdPreHandler`. */
    meetingId?: number;
  }
}

/** The BlueJeans user id of the signed-in person; throws an ApiFailure (401, 403) otherwise. */
export async function requireBlueJeansUser(bj: BlueJeansApi, request: FastifyRequest): Promise<number> {
  const user = request.tokenUser;
  // Only reachable for a route registered outside the meetings scope and its token check.
  if (!user)
    throw new ApiFailure(401, { error: "missing_token", message: "Sign in to Microsoft 365 first." });
  const found = await bj.findUserByEmail(user.email);
  if (!found) {
    throw new ApiFailure(403, {
      error: "no_bluejeans_account",
      message: `No BlueJeans account in your company uses ${user.email}. Ask your BlueJeans admin to add you.`,
    });
  }
  return found.id;
}

export const NOT_FOUND: ApiErrorBody = {
  error: "not_found",
  message: "This BlueJeans meeting was not found among yours: it may have been deleted in BlueJeans.",
};

/** BlueJeans meeting ids are positive whole numbers; anything else is no meeting of yours (404). */
export async function meetingIdPreHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const raw = (request.params as { id?: unknown }).id;
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,14}$/.test(raw)) {
    await reply.code(404).send(NOT_FOUND);
    return;
  }
  request.meetingId = Number(raw);
}
