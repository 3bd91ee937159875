/**
 * GET /api/personal-meeting: the signed-in person's personal BlueJeans meeting (its ID and
 * attendee passcode), read from BlueJeans' personal-meeting endpoint.
 *
 * Registered in the meetings API's scope (see app.ts), so the same token check runs first (its
 * onRequest hook sets `request.tokenUser`) and BlueJeans' failures answer as they do there.
 */
import type { FastifyInstance } from "fastify";
import type { ApiErrorBody } from "../../shared/api/meetings";
import { PERSONAL_MEETING_PATH, type PersonalMeetingResponse } from "../../shared/api/personalMeeting";
import type { BlueJeansApi } from "../bluejeans";

export async function personalMeetingRoutes(
  app: FastifyInstance,
  deps: { bluejeans: BlueJeansApi },
): Promise<void> {
  app.get(PERSONAL_MEETING_PATH, async (request, reply) => {
    const user = request.tokenUser;
    if (!user) {
      // Only reachable if this plugin were registered outside the meetings scope.
      const refused: ApiErrorBody = { error: "missing_token", message: "Sign in to Microsoft 365 first." };
      return reply.code(401).send(refused);
    }
    const found = await deps.bluejeans.findUserByEmail(user.email);
    if (!found) {
      const none: ApiErrorBody = {
        error: "no_bluejeans_account",
        message: `No BlueJeans account in your company uses ${user.email}, so there is no personal meeting to show.`,
      };
      return reply.code(403).send(none);
    }
    const room = await deps.bluejeans.getPersonalMeeting(found.id);
    const answer: PersonalMeetingResponse = {
      personalMeetingId: room.numericMeetingId,
      ...(room.attendeePasscode ? { attendeePasscode: room.attendeePasscode } : {}),
    };
    // Personal data: not for shared caches, and fetched fresh after each sign-in.
    return reply.header("Cache-Control", "private, no-store").send(answer);
  });
}
