/**
 * What the emulator starts with: one enterprise, its app credentials, a few users (one in another
 * enterprise, for scoping) and dial-in numbers in a few countries. Development data only: the
 * credentials are not secrets and the non-US numbers are in ranges reserved for fiction.
 */

export interface SeedUser {
  id: number;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  /** Defaults to the seed's enterprise. */
  enterpriseId?: number;
  isEnterpriseAdmin?: boolean;
  /** The user's personal meeting ID (digits). */
  personalMeetingId: string;
  /** Digits, or empty for none. */
  personalPasscode: string;
}

export interface SeedNumber {
  number: string;
  /** Two-letter code. */
  country: string;
  countryName: string;
  city: string;
  tollfree: boolean;
  premium: boolean;
}

/** Ways real BlueJeans answers differ from its 2023 spec; the defaults answer as the spec says. */
export interface EmulatorQuirks {
  /** `user` (spec) or `users` with only id and uri (what working clients read). */
  userSearchKey: "user" | "users";
  /** `delete`/`seqeuenceNumber` (spec) or `deleted`/`sequenceNumber` (real answers). */
  meetingSpelling: "spec" | "observed";
  /** Ids and times as strings, as some proxies and older servers sent them. */
  numbersAsStrings: boolean;
}

export interface EmulatorSeed {
  enterpriseId: number;
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  users: SeedUser[];
  dialIn: SeedNumber[];
  /** The internal id of the first meeting created; later ones count up. */
  firstMeetingId: number;
  quirks: EmulatorQuirks;
}

export type EmulatorSeedInput = Partial<Omit<EmulatorSeed, "quirks">> & { quirks?: Partial<EmulatorQuirks> };

export const DEFAULT_SEED: EmulatorSeed = {
  enterpriseId: 77777,
  clientId: "outlook-addin-dev",
  clientSecret: "emulator-dev-secret-7f3c9a1e",
  tokenTtlSeconds: 3600,
  users: [
    {
      id: 1001,
      username: "alex",
      email: "alex@contoso.example",
      firstName: "Alex",
      lastName: "Wilber",
      personalMeetingId: "4155550101",
      personalPasscode: "1234",
    },
    {
      id: 1002,
      username: "sam",
      email: "sam@contoso.example",
      firstName: "Sam",
      lastName: "Rivera",
      personalMeetingId: "4155550102",
      personalPasscode: "",
    },
    {
      id: 1003,
      username: "robin.admin",
      email: "robin@contoso.example",
      firstName: "Robin",
      lastName: "Chen",
      isEnterpriseAdmin: true,
      personalMeetingId: "4155550103",
      personalPasscode: "9876",
    },
    {
      id: 2001,
      username: "pat",
      email: "pat@fabrikam.example",
      firstName: "Pat",
      lastName: "Kim",
      enterpriseId: 88888,
      personalMeetingId: "4155550201",
      personalPasscode: "",
    },
  ],
  dialIn: [
    {
      number: "+1.408.740.7256",
      country: "US",
      countryName: "United States",
      city: "San Jose",
      tollfree: false,
      premium: false,
    },
    {
      number: "+1.888.240.2560",
      country: "US",
      countryName: "United States",
      city: "",
      tollfree: true,
      premium: false,
    },
    {
      number: "+44.20.7946.0123",
      country: "GB",
      countryName: "United Kingdom",
      city: "London",
      tollfree: false,
      premium: false,
    },
    {
      number: "+44.808.157.0192",
      country: "GB",
      countryName: "United Kingdom",
      city: "",
      tollfree: true,
      premium: false,
    },
    {
      number: "+49.30.23125.042",
      country: "DE",
      countryName: "Germany",
      city: "Berlin",
      tollfree: false,
      premium: false,
    },
    {
      number: "+61.2.5550.4444",
      country: "AU",
      countryName: "Australia",
      city: "Sydney",
      tollfree: false,
      premium: true,
    },
  ],
  firstMeetingId: 5_000_001,
  quirks: { userSearchKey: "user", meetingSpelling: "spec", numbersAsStrings: false },
};

export function resolveSeed(input: EmulatorSeedInput | undefined): EmulatorSeed {
  const { quirks, ...rest } = input ?? {};
  return {
    ...DEFAULT_SEED,
    ...rest,
    users: (rest.users ?? DEFAULT_SEED.users).map((user) => ({ ...user })),
    dialIn: (rest.dialIn ?? DEFAULT_SEED.dialIn).map((number) => ({ ...number })),
    quirks: { ...DEFAULT_SEED.quirks, ...quirks },
  };
}
