/** Meetings and fixture bodies shared by the meeting-core tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { personalRoomMeeting, type BlueJeansMeeting } from "../../../../src/shared/meeting";

export const FIXTURE_DIR = join(__dirname, "..", "..", "..", "fixtures", "bodies");

/** Fixture text exactly as stored (line endings included). */
export function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), "utf8");
}

/** The meeting the hand-written fixtures show. */
export function adasMeeting(overrides: Partial<BlueJeansMeeting> = {}): BlueJeansMeeting {
  return {
    ...personalRoomMeeting({
      numericMeetingId: "123456789",
      attendeePasscode: "4321",
      organizerName: "Ada Lovelace",
    }),
    ...overrides,
  };
}

/** A different meeting, to see replacements happen. */
export function gracesMeeting(): BlueJeansMeeting {
  return personalRoomMeeting({ numericMeetingId: "987654321", organizerName: "Grace Hopper" });
}

/** Inserts `text` right after the first occurrence of `anchor`. */
export function insertAfter(source: string, anchor: string, text: string): string {
  const at = source.indexOf(anchor);
  if (at < 0) throw new Error(`anchor not found: ${anchor}`);
  return source.slice(0, at + anchor.length) + text + source.slice(at + anchor.length);
}
