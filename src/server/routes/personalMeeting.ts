/**
 * GET /api/personal-meeting: the signed-in person's personal BlueJeans meeting (its ID and
 * attendee passcode), read from BlueJeans' personal-meeting endpoint.
 *
 * Registered in the meetings API's scope (see app.ts), so the same token check runs first (its
 * onRequest hook sets `request.tokenUser`) and BlueJeans' failures answer as they do there.
 */
import type { FastifyInstance } from "fastify";
import { PERSONAL_MEETING_PATH, type PersonalMeetingResponse } from "../../shared/api/personalMeeting";
import type { BlueJeansApi } from "../bluejeans";
import { requireBlueJeansUser } from "./bluejeansUser";

export async function personalMeetingRoutes(
  app: FastifyInstance,
  deps: { bluejeans: BlueJeansApi },
): Promise<void> {
  app.get(PERSONAL_MEETING_PATH, async (request, reply) => {
    const userId = await requireBlueJeansUser(deps.bluejeans, request);
    const room = await deps.bluejeans.getPersonalMeeting(userId);
    const answer: PersonalMeetingResponse = {
      personalMeetingId: room.numericMeetingId,
      ...(room.attendeePasscode ? { attendeePasscode: room.attendeePasscode } : {}),
    };
    // Personal data: not for shared caches, and fetched fresh after each sign-in.
    return reply.send(answer); // The API hook marks every answer no-store.
  });
}
