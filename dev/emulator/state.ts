/** The emulator's memory: tokens, meetings, counters, recent requests and fault rules. */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { FaultRules } from "./faults";
import type { EmulatorSeed, SeedUser } from "./seed";

export interface MeetingRecord {
  id: number;
  uuid: string;
  ownerId: number;
  title: string;
  description: string;
  start: number;
  end: number;
  timezone: string;
  numericMeetingId: string;
  /** Empty when the meeting has none. */
  attendeePasscode: string;
  moderatorPasscode: string;
  addAttendeePasscode: boolean;
  attendees: string[];
  options: Record<string, boolean | string>;
  isPersonalMeeting: boolean;
  isLargeMeeting: boolean;
  endPointType: string;
  endPointVersion: string;
  deleted: boolean;
  sequenceNumber: number;
  icsUid: string;
  created: number;
  lastModified: number;
  /** The series, as BlueJeans' recurrencePattern (all fields filled in); null for a single meeting. */
  recurrence: RecurrencePatternRecord | null;
}

/** Meeting.recurrencePattern as the emulator keeps it: every field present, as BlueJeans answers. */
export interface RecurrencePatternRecord {
  recurrenceType: "DAILY" | "WEEKLY" | "MONTHLY";
  frequency: number;
  daysOfWeekMask: number;
  dayOfMonth: number;
  weekOfMonth: string;
  monthOfYear: string;
  /** 0 when the series ends by count or not at all. */
  endDate: number;
  /** 0 when the series ends by date or not at all. */
  recurrenceCount: number;
}

export interface TokenRecord {
  enterpriseId: number;
  expiresAt: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | "hang";
  fault?: string;
}

const RECENT_REQUESTS = 200;

export class EmulatorState {
  meetings = new Map<number, MeetingRecord>();
  tokens = new Map<string, TokenRecord>();
  faults = new FaultRules();
  tokenRequests = 0;
  tokensIssued = 0;
  requests = 0;
  byRoute: Record<string, number> = {};
  recent: RequestLogEntry[] = [];
  clockOffsetMs = 0;
  private nextMeetingId: number;

  constructor(
    readonly seed: EmulatorSeed,
    private readonly clock: () => number,
  ) {
    this.nextMeetingId = seed.firstMeetingId;
  }

  now(): number {
    return this.clock() + this.clockOffsetMs;
  }

  reset(): void {
    this.meetings.clear();
    this.takenNumericIds = undefined;
    this.tokens.clear();
    this.faults.clear();
    this.tokenRequests = 0;
    this.tokensIssued = 0;
    this.requests = 0;
    this.byRoute = {};
    this.recent = [];
    this.clockOffsetMs = 0;
    this.nextMeetingId = this.seed.firstMeetingId;
  }

  enterpriseOf(user: SeedUser): number {
    return user.enterpriseId ?? this.seed.enterpriseId;
  }

  user(id: number): SeedUser | undefined {
    return this.seed.users.find((user) => user.id === id);
  }

  issueToken(): string {
    const token = randomBytes(24).toString("hex");
    this.tokens.set(token, {
      enterpriseId: this.seed.enterpriseId,
      expiresAt: this.now() + this.seed.tokenTtlSeconds * 1000,
    });
    this.tokensIssued += 1;
    return token;
  }

  /** The live token's record; expired tokens are forgotten. */
  token(token: string): TokenRecord | undefined {
    const record = this.tokens.get(token);
    if (record && record.expiresAt <= this.now()) {
      this.tokens.delete(token);
      return undefined;
    }
    return record;
  }

  activeTokens(): number {
    return [...this.tokens.keys()].filter((token) => this.token(token) !== undefined).length;
  }

  takeMeetingId(): number {
    return this.nextMeetingId++;
  }

  /** 9 or 10 digits, never starting with 0, unlike every meeting and personal room so far. */
  newNumericMeetingId(): string {
    // Kept as a set rather than rebuilt per create: a load test makes thousands of meetings.
    this.takenNumericIds ??= new Set(this.seed.users.map((user) => user.personalMeetingId));
    for (;;) {
      const length = randomInt(9, 11);
      const id =
        String(randomInt(1, 10)) + String(randomInt(0, 10 ** (length - 1))).padStart(length - 1, "0");
      if (!this.takenNumericIds.has(id)) {
        this.takenNumericIds.add(id);
        return id;
      }
    }
  }

  private takenNumericIds: Set<string> | undefined;

  newPasscode(): string {
    return String(randomInt(0, 10_000)).padStart(4, "0");
  }

  newUuid(): string {
    return randomUUID();
  }

  record(entry: RequestLogEntry): void {
    this.recent.push(entry);
    if (this.recent.length > RECENT_REQUESTS) this.recent.shift();
  }

  snapshot(): Record<string, unknown> {
    const meetings = [...this.meetings.values()];
    return {
      enterpriseId: this.seed.enterpriseId,
      users: this.seed.users.length,
      meetings: {
        total: meetings.length,
        active: meetings.filter((meeting) => !meeting.deleted).length,
        deleted: meetings.filter((meeting) => meeting.deleted).length,
      },
      tokens: { requests: this.tokenRequests, issued: this.tokensIssued, active: this.activeTokens() },
      requests: { total: this.requests, byRoute: { ...this.byRoute } },
      faults: this.faults.list(),
      clockOffsetMs: this.clockOffsetMs,
      now: this.now(),
      recent: this.recent.slice(-50),
    };
  }
}
