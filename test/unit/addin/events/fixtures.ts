/** Settings and the appointment the event tests start from. */
import type { AppointmentInit } from "../../../../dev/workbench/types";
import type { EventConfig } from "../../../../src/addin/events/config";
import type { Settings } from "../../../../src/addin/settings/settings";

export const ROOM: Settings = { personalRoom: { personalMeetingId: "123456789", attendeePasscode: "4321" } };
/** Auto-add on, with a new scheduled meeting per appointment. */
export const AUTO_SCHEDULED: Settings = {
  ...ROOM,
  autoAdd: true,
  meetingDefaults: {
    source: "scheduled",
    attendeePasscode: true,
    moderatorLess: false,
    muteOnEntry: false,
    autoRecord: false,
  },
};
/** The add-in's configuration as a server offering scheduled meetings gives it. */
export const SERVER: EventConfig = { scheduledMeetings: true, autoAddAlways: false };

export const APPOINTMENT: AppointmentInit = {
  subject: "Design review",
  start: "2026-12-02T15:00:00Z",
  end: "2026-12-02T16:00:00Z",
  attendees: "Sam <sam@contoso.example>",
  body: "<p>Agenda: budget</p>",
  bodyType: "html",
  location: "Room 4",
};
