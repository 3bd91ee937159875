/** The BlueJeans Meetings API client (server side). See client.ts. */
export { createBlueJeansClient } from "./client";
export { BlueJeansError, type BlueJeansErrorCode } from "./errors";
export { toMeetingModel } from "./toModel";
export type {
  BlueJeansApi,
  BlueJeansClientOptions,
  BlueJeansLogEvent,
  DialInEntry,
  DialInLocation,
  DialInNumbers,
  MeetingInput,
  MeetingOptions,
  PersonalMeeting,
  ScheduledMeeting,
} from "./types";
