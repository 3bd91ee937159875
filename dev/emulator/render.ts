/** Answers shaped as the 2023 spec's definitions (Meeting, Numbers, EnterpriseUserSearch, ...). */
import type { EmulatorQuirks, SeedNumber, SeedUser } from "./seed";
import type { MeetingRecord } from "./state";

export const DEFAULT_OPTIONS: Record<string, boolean | string> = {
  videoBestFit: true,
  publishMeeting: false,
  encryptionType: "NO_ENCRYPTION",
  moderatorLess: false,
  allowStream: false,
  autoRecord: false,
  disallowChat: false,
  muteParticipantsOnEntry: false,
  showAllAttendeesInMeetingInvite: false,
};

function moderatorOf(user: SeedUser | undefined) {
  return {
    id: user?.id ?? 0,
    username: user?.username ?? "",
    firstname: user?.firstName ?? "",
    lastname: user?.lastName ?? "",
    profile_pic_url: "",
  };
}

function asWire(value: number, quirks: EmulatorQuirks): number | string {
  return quirks.numbersAsStrings ? String(value) : value;
}

export function renderMeeting(
  meeting: MeetingRecord,
  owner: SeedUser | undefined,
  quirks: EmulatorQuirks,
  now: number,
): Record<string, unknown> {
  const spec = quirks.meetingSpelling === "spec";
  return {
    id: asWire(meeting.id, quirks),
    uuid: meeting.uuid,
    title: meeting.title,
    description: meeting.description,
    start: asWire(meeting.start, quirks),
    end: asWire(meeting.end, quirks),
    timezone: meeting.timezone,
    advancedMeetingOptions: { ...meeting.options },
    moderator: moderatorOf(owner),
    numericMeetingId: meeting.numericMeetingId,
    attendeePasscode: meeting.attendeePasscode,
    addAttendeePasscode: meeting.addAttendeePasscode,
    [spec ? "delete" : "deleted"]: meeting.deleted,
    allow720p: true,
    status: meeting.deleted ? "DELETED" : "SCHEDULED",
    locked: false,
    [spec ? "seqeuenceNumber" : "sequenceNumber"]: meeting.sequenceNumber,
    icsUid: meeting.icsUid,
    endPointType: meeting.endPointType,
    endPointVersion: meeting.endPointVersion,
    attendees: meeting.attendees.map((email) => ({ email })),
    isLargeMeeting: meeting.isLargeMeeting,
    created: meeting.created,
    lastModified: meeting.lastModified,
    isExpired: meeting.end < now,
    timelessMeeting: false,
    endlessMeeting:
      meeting.recurrence !== null &&
      meeting.recurrence.endDate === 0 &&
      meeting.recurrence.recurrenceCount === 0,
    ...(meeting.recurrence
      ? {
          recurrencePattern: { ...meeting.recurrence },
          parentMeetingId: meeting.id,
          parentMeetingUUID: meeting.uuid,
          first: { start: meeting.start, end: meeting.end },
        }
      : {}),
    isPersonalMeeting: meeting.isPersonalMeeting,
    inviteeJoinOption: 0,
  };
}

export function renderPersonalMeeting(user: SeedUser, now: number): Record<string, unknown> {
  return {
    id: user.id * 10,
    uuid: `personal-${user.id}`,
    title: `${user.firstName} ${user.lastName}'s personal meeting`,
    description: "",
    start: now,
    end: now + 3_600_000,
    timezone: "America/New_York",
    advancedMeetingOptions: { ...DEFAULT_OPTIONS },
    moderator: moderatorOf(user),
    numericMeetingId: user.personalMeetingId,
    attendeePasscode: user.personalPasscode,
    addAttendeePasscode: user.personalPasscode !== "",
    deleted: false,
    allow720p: true,
    status: "ACTIVE",
    locked: false,
    sequenceNumber: 0,
    endPointType: "WEB_APP",
    endPointVersion: "2.10",
    attendees: [],
    isLargeMeeting: false,
    isExpired: false,
    timelessMeeting: true,
    endlessMeeting: true,
    isPersonalMeeting: true,
    inviteeJoinOption: 0,
  };
}

export function renderUsers(
  users: SeedUser[],
  total: number,
  quirks: EmulatorQuirks,
  adminOf: (user: SeedUser) => boolean,
  fields: readonly string[] = [],
): Record<string, unknown> {
  if (quirks.userSearchKey === "users") {
    // This spelling gives only the id and uri, plus the profile fields asked for with `fields`.
    const withEmail = fields.includes("email");
    return {
      count: total,
      users: users.map((user) => ({
        id: user.id,
        uri: `/v1/user/${user.id}`,
        ...(withEmail ? { email: user.email } : {}),
      })),
    };
  }
  return {
    count: total,
    user: users.map((user) => ({
      id: user.id,
      username: user.username,
      email: user.email,
      firstName: user.firstName,
      middleName: "",
      lastName: user.lastName,
      enterpriseJoinDate: 1_600_000_000_000,
      isEnterpriseAdmin: adminOf(user),
      uri: `/v1/user/${user.id}`,
    })),
  };
}

export function renderNumbers(
  meeting: MeetingRecord,
  numbers: SeedNumber[],
  indexOf: (number: SeedNumber) => number,
): Record<string, unknown> {
  return {
    meetingId: meeting.numericMeetingId,
    allowDirectDial: true,
    useAttendeePasscode: meeting.attendeePasscode !== "",
    pstnNumbersUrl: "https://bluejeans.com/numbers",
    moderatorPasscode: meeting.moderatorPasscode,
    precision: "COUNTRY",
    pstnLocalizationSupported: true,
    partnerIntegratedMeeting: false,
    numbers: numbers.map((number, index) => ({
      id: indexOf(number) + 1,
      number: number.number,
      tollfree: number.tollfree,
      premium: number.premium,
      custom: false,
      country: number.country,
      countryName: number.countryName,
      state: "",
      city: number.city,
      label: { default: number.city ? `${number.countryName} (${number.city})` : number.countryName },
      defaultSettingsInherited: true,
      default: index === 0,
    })),
  };
}
