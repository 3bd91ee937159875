import {
  loadSettings,
  parseSettings,
  resetSettings,
  saveSettings,
  SETTINGS_KEY,
  settingsProblem,
  validatePersonalRoom,
} from "../../../../src/addin/settings/settings";
import type { SettingsPort } from "../../../../src/addin/host/ports";

/** Behaves like Outlook's roaming settings: set changes memory, saveAsync persists, and can fail. */
function roaming(initial: Record<string, unknown> = {}, failSave = false) {
  const memory: Record<string, unknown> = { ...initial };
  const persisted: Record<string, unknown> = { ...initial };
  const port: SettingsPort = {
    get: (n) => memory[n],
    set: (n, v) => (memory[n] = v),
    remove: (n) => delete memory[n],
    save: async () => {
      if (failSave) throw new Error("9002");
      Object.keys(persisted).forEach((k) => delete persisted[k]);
      Object.assign(persisted, JSON.parse(JSON.stringify(memory)));
    },
  };
  return { port, memory, persisted };
}

describe("validatePersonalRoom", () => {
  test.each([
    ["", "", { personalMeetingId: "Enter your personal meeting ID." }],
    ["12ab56", "", { personalMeetingId: "Use digits only (0-9), as shown in BlueJeans." }],
    ["123", "", { personalMeetingId: "A meeting ID has 6 to 15 digits." }],
    ["1234567", "12a4", { attendeePasscode: "Use digits only (0-9)." }],
    ["1234567", "12", { attendeePasscode: "A passcode has 4 to 12 digits." }],
  ])("id %p passcode %p is refused with a clear message", (id, passcode, errors) => {
    expect(validatePersonalRoom({ personalMeetingId: id, attendeePasscode: passcode })).toEqual({
      ok: false,
      errors,
    });
  });

  test("accepts digits with spaces or dashes people copy from BlueJeans", () => {
    expect(validatePersonalRoom({ personalMeetingId: " 123-456 789 ", attendeePasscode: " 4321 " })).toEqual({
      ok: true,
      value: { personalMeetingId: "123456789", attendeePasscode: "4321" },
    });
    expect(validatePersonalRoom({ personalMeetingId: "123456789", attendeePasscode: "" })).toEqual({
      ok: true,
      value: { personalMeetingId: "123456789" },
    });
  });
});

describe("parseSettings", () => {
  test("nothing stored is simply not configured", () => {
    expect(parseSettings(undefined)).toEqual({ ok: true, settings: {} });
  });

  test.each([
    ["a string", "123456", "not a settings object"],
    ["an array", [1, 2], "not a settings object"],
    [
      "an unknown version",
      { version: "2", personalRoom: { personalMeetingId: "123456" } },
      "unknown version",
    ],
    ["bad meeting options", { version: 1, meetingDefaults: { source: "x" } }, "meeting options are invalid"],
    ["a bad auto-add switch", { version: 1, autoAdd: "yes" }, "the automatic-meeting switch is invalid"],
    ["a room that is no object", { version: 1, personalRoom: 7 }, "personal room is not an object"],
    [
      "wrong field types",
      { version: 1, personalRoom: { personalMeetingId: 123456 } },
      "personal room fields have the wrong type",
    ],
    [
      "invalid values",
      { version: 1, personalRoom: { personalMeetingId: "<script>" } },
      "personal room values are invalid",
    ],
  ])("%s is reported in words, not thrown", (_label, raw, words) => {
    const loaded = parseSettings(raw);
    expect(loaded.ok).toBe(false);
    expect(loaded.settings).toEqual({});
    if (!loaded.ok) {
      expect(loaded.kind).toBe("damaged");
      expect(settingsProblem(loaded)).toBe(
        `Your saved BlueJeans settings could not be read (${words}). Enter them again.`,
      );
      expect(settingsProblem(loaded)).not.toMatch(/reset/);
    }
  });

  test("settings a newer version wrote are reported as newer, not as damaged", () => {
    const loaded = parseSettings({ version: 7, personalRoom: { personalMeetingId: "123456" }, extra: 1 });
    expect(loaded).toMatchObject({ ok: false, kind: "newer", settings: {} });
    if (!loaded.ok) expect(settingsProblem(loaded)).toMatch(/newer version .* left as they are/);
  });

  test("a getter that throws is reported too", () => {
    const port = roaming().port;
    port.get = () => {
      throw new Error("corrupt");
    };
    expect(loadSettings(port).ok).toBe(false);
  });
});

describe("saveSettings", () => {
  test("round-trips through roaming settings", async () => {
    const { port, persisted } = roaming();
    await saveSettings(port, { personalRoom: { personalMeetingId: "123456789", attendeePasscode: "4321" } });
    expect(persisted[SETTINGS_KEY]).toEqual({
      version: 1,
      personalRoom: { personalMeetingId: "123456789", attendeePasscode: "4321" },
    });
    expect(loadSettings(port)).toEqual({
      ok: true,
      settings: { personalRoom: { personalMeetingId: "123456789", attendeePasscode: "4321" } },
    });
  });

  test("a failed save leaves the previous settings in memory and storage", async () => {
    const before = { version: 1, personalRoom: { personalMeetingId: "111111" } };
    const { port, memory, persisted } = roaming({ [SETTINGS_KEY]: before }, true);
    await expect(saveSettings(port, { personalRoom: { personalMeetingId: "222222" } })).rejects.toThrow();
    expect(memory[SETTINGS_KEY]).toEqual(before);
    expect(persisted[SETTINGS_KEY]).toEqual(before);
  });
});

describe("resetSettings (the person's explicit start over)", () => {
  const damaged = { version: 1, personalRoom: "1234567890" };

  test("reading damaged settings writes nothing; starting over removes only this add-in's key", async () => {
    const { port, memory, persisted } = roaming({ [SETTINGS_KEY]: damaged, "other.addin.key": "kept" });
    expect(loadSettings(port)).toMatchObject({ ok: false, kind: "damaged" });
    expect(memory).toEqual({ [SETTINGS_KEY]: damaged, "other.addin.key": "kept" });
    await resetSettings(port);
    expect(persisted).toEqual({ "other.addin.key": "kept" });
    expect(loadSettings(port)).toEqual({ ok: true, settings: {} });
  });

  test("a failed save keeps the damaged settings in memory and storage", async () => {
    const { port, memory, persisted } = roaming({ [SETTINGS_KEY]: damaged }, true);
    await expect(resetSettings(port)).rejects.toThrow("9002");
    expect(memory[SETTINGS_KEY]).toEqual(damaged);
    expect(persisted[SETTINGS_KEY]).toEqual(damaged);
  });
});

describe("meeting defaults", () => {
  test("round-trip beside the personal room", async () => {
    const { port } = roaming();
    const settings = {
      personalRoom: { personalMeetingId: "123456789" },
      meetingDefaults: {
        source: "personal-room" as const,
        attendeePasscode: false,
        moderatorLess: true,
        muteOnEntry: true,
        autoRecord: false,
      },
    };
    await saveSettings(port, settings);
    expect(loadSettings(port)).toEqual({ ok: true, settings });
  });

  test.each([
    [
      "an unknown source",
      { source: "zoom", attendeePasscode: true, moderatorLess: false, muteOnEntry: false, autoRecord: false },
    ],
    ["a missing flag", { source: "scheduled", attendeePasscode: true }],
    [
      "a string flag",
      {
        source: "scheduled",
        attendeePasscode: "yes",
        moderatorLess: false,
        muteOnEntry: false,
        autoRecord: false,
      },
    ],
  ])("%s is reported", (_label, meetingDefaults) => {
    const loaded = parseSettings({ version: 1, meetingDefaults });
    expect(loaded.ok).toBe(false);
    expect(loaded.settings).toEqual({});
  });
});
