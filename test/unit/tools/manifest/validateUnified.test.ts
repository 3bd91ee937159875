/**
 * The unified-manifest validator, fed broken copies of the project's manifest.json, one defect
 * each: the declared version's JSON schema (from @microsoft/app-manifest, offline), URLs, icons,
 * the organizer surface's one function command, references between actions and controls.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildUnifiedManifest, type UnifiedManifest } from "../../../../tools/manifest/unifiedManifest";
import {
  firstDifference,
  validateUnifiedManifest,
  type ValidateUnifiedOptions,
} from "../../../../tools/manifest/validateUnified";
import { ASSETS, ORIGIN, ROOT, copyOfAssets, writePng } from "./fixtures";

const CLIENT_ID = "0b5e6c1d-2f3a-4b5c-8d9e-0f1a2b3c4d5e";
const GOOD = buildUnifiedManifest(readFileSync(join(ROOT, "manifest.xml"), "utf8"), { clientId: CLIENT_ID });
const options: ValidateUnifiedOptions = { assetDir: ASSETS, origin: ORIGIN, packageDir: ROOT };

const EXT = "/extensions/0";
const DESKTOP = `${EXT}/ribbons/0/tabs/0/groups/0/controls`;
const MOBILE = `${EXT}/ribbons/1/tabs/0/customMobileRibbonGroups/0/controls/0`;

/** A deep copy to break. */
function broken(edit: (m: UnifiedManifest) => void): UnifiedManifest {
  const copy = JSON.parse(JSON.stringify(GOOD)) as UnifiedManifest;
  edit(copy);
  return copy;
}
const ext = (m: UnifiedManifest) => m.extensions?.[0] as NonNullable<UnifiedManifest["extensions"]>[number];
const desktopControls = (m: UnifiedManifest) => ext(m).ribbons?.[0]?.tabs[0]?.groups?.[0]?.controls ?? [];
const mobileButton = (m: UnifiedManifest) =>
  ext(m).ribbons?.[1]?.tabs[0]?.customMobileRibbonGroups?.[0]?.controls[0];

it("the good manifest passes", () => {
  expect(validateUnifiedManifest(GOOD, options)).toEqual([]);
});

describe("the JSON schema of the declared version", () => {
  it("a manifestVersion without a shipped schema", () => {
    const m = broken((x) => Object.assign(x, { manifestVersion: "1.99" }));
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: "/manifestVersion",
        message: "no JSON schema for manifestVersion 1.99 in @microsoft/app-manifest",
      },
    ]);
  });

  it("a $schema of another version", () => {
    const m = broken((x) => {
      x.$schema = "https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: "/$schema",
        message: expect.stringContaining("v1.30/MicrosoftTeams.schema.json for manifestVersion 1.30"),
      },
    ]);
  });

  it("a label longer than the schema allows", () => {
    const m = broken((x) => {
      const control = desktopControls(x)[1];
      if (control) control.label = "Add a BlueJeans meeting with every dial-in number there is, right now";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${DESKTOP}/1/label`, message: "schema v1.30: must NOT have more than 64 characters" },
    ]);
  });

  it("a missing required property", () => {
    const m = broken((x) => {
      delete (x.developer as Partial<UnifiedManifest["developer"]>).privacyUrl;
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: "/developer", message: 'schema v1.30: missing required property "privacyUrl"' },
    ]);
  });

  it("a property the schema does not know", () => {
    const m = broken((x) => Object.assign(ext(x), { commandSurface: "organizer" }));
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: EXT, message: 'schema v1.30: unknown property "commandSurface"' },
    ]);
  });

  it("a mobile button with eight icons", () => {
    const m = broken((x) => mobileButton(x)?.icons.pop());
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${MOBILE}/icons`, message: "schema v1.30: must NOT have fewer than 9 items" },
    ]);
  });
});

describe("URLs", () => {
  it("plain http", () => {
    const m = broken((x) => {
      const runtime = ext(x).runtimes?.[1];
      if (runtime) runtime.code.page = "http://localhost:3000/commands.html";
    });
    expect(validateUnifiedManifest(m, options)).toContainEqual({
      path: `${EXT}/runtimes/1/code/page`,
      message: 'URL "http://localhost:3000/commands.html" must use https',
    });
  });

  it("a page on another origin", () => {
    const m = broken((x) => {
      x.developer.websiteUrl = "https://elsewhere.example.com/";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: "/developer/websiteUrl",
        message:
          'URL "https://elsewhere.example.com/" is not on the add-in origin https://localhost:3000 or a valid domain',
      },
    ]);
  });

  it("a valid domain that is not an https origin", () => {
    const m = broken((x) => x.validDomains?.push("bluejeans.com"));
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: "/validDomains/2", message: 'valid domain "bluejeans.com" must be an https origin' },
    ]);
  });
});

describe("icons", () => {
  it("a ribbon icon file that is not there", () => {
    const m = broken((x) => {
      const icon = desktopControls(x)[0]?.icons[0];
      if (icon) icon.url = `${ORIGIN}/assets/icon-17.png`;
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${DESKTOP}/0/icons/0/url`, message: 'icon file "icon-17.png" is missing' },
    ]);
  });

  it("a ribbon icon of the wrong size", () => {
    const m = broken((x) => {
      const icon = desktopControls(x)[0]?.icons[0];
      if (icon) icon.url = `${ORIGIN}/assets/icon-32.png`;
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: `${DESKTOP}/0/icons/0/url`,
        message: 'icon file "icon-32.png" is 32x32 pixels, but it is used as a 16x16 icon',
      },
    ]);
  });

  it("a mobile icon in colour", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, "icon-mobile-25-1x.png"), 25, [0x2b, 0x6f, 0xd6, 0xff]);
    expect(validateUnifiedManifest(GOOD, { ...options, assetDir })).toEqual([
      {
        path: `${MOBILE}/icons/0/url`,
        message: expect.stringContaining('mobile icon file "icon-mobile-25-1x.png" has colour #2b6fd6'),
      },
    ]);
  });

  it("a package outline icon that is not white", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, "icon-outline-32.png"), 32, [0, 0, 0, 0xff]);
    expect(validateUnifiedManifest(GOOD, { ...options, packageDir: dirname(assetDir) })).toEqual([
      { path: "/icons/outline", message: expect.stringContaining("is not white on transparent") },
    ]);
  });

  it("a package colour icon of the wrong size", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, "icon-color-192.png"), 128, [0x2b, 0x6f, 0xd6, 0xff]);
    expect(validateUnifiedManifest(GOOD, { ...options, packageDir: dirname(assetDir) })).toEqual([
      {
        path: "/icons/color",
        message: 'icon file "assets/icon-color-192.png" is 128x128 pixels, but it is used as a 192x192 icon',
      },
    ]);
  });

  it("a package icon outside the package", () => {
    const m = broken((x) => {
      x.icons.color = "../icon.png";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: "/icons/color", message: 'icon "../icon.png" must be a path inside the app package' },
    ]);
  });
});

describe("commands and references", () => {
  it("two function commands on the organizer surface", () => {
    const m = broken((x) => {
      const pane = desktopControls(x)[0];
      if (pane) pane.actionId = "addBlueJeansMeeting";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: `${DESKTOP}/1`,
        message: "2 function commands on meetingDetailsOrganizer; Outlook allows only one",
      },
    ]);
  });

  it("an actionId that names no action", () => {
    const m = broken((x) => {
      const add = desktopControls(x)[1];
      if (add) add.actionId = "addMeeting";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${DESKTOP}/1/actionId`, message: 'actionId "addMeeting" names no action of any runtime' },
    ]);
  });

  it("a mobile button that opens a page", () => {
    const m = broken((x) => {
      const button = mobileButton(x);
      if (button) button.actionId = "ShowTaskpane";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: `${MOBILE}/actionId`,
        message: 'the mobile online-meeting button must run a function, but "ShowTaskpane" is openPage',
      },
    ]);
  });

  it("an event whose handler is not there", () => {
    const m = broken((x) => {
      ext(x).autoRunEvents = [
        { events: [{ type: "newAppointmentOrganizerCreated", actionId: "onNewMeeting" }] },
      ];
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: `${EXT}/autoRunEvents/0/events/0/actionId`,
        message:
          'event "newAppointmentOrganizerCreated" runs "onNewMeeting", which names no action of any runtime',
      },
    ]);
  });

  it("an event that runs a page", () => {
    const m = broken((x) => {
      ext(x).autoRunEvents = [{ events: [{ type: "appointmentTimeChanged", actionId: "ShowTaskpane" }] }];
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: `${EXT}/autoRunEvents/0/events/0/actionId`,
        message: 'event handlers must be executeFunction actions, but "ShowTaskpane" is openPage',
      },
    ]);
  });

  it("a control id used twice", () => {
    const m = broken((x) => {
      const button = mobileButton(x);
      if (button) button.id = "bjnAddMeetingButton";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${MOBILE}/id`, message: 'duplicate control id "bjnAddMeetingButton"' },
    ]);
  });

  it("a runtime id used twice", () => {
    const m = broken((x) => {
      const runtime = ext(x).runtimes?.[1];
      if (runtime) runtime.id = "TaskpaneRuntime";
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${EXT}/runtimes/1/id`, message: 'duplicate runtime id "TaskpaneRuntime"' },
    ]);
  });

  it("more than 20 add-in commands", () => {
    const m = broken((x) => {
      const group = ext(x).ribbons?.[0]?.tabs[0]?.groups?.[0];
      const pane = group?.controls?.[0];
      if (!group || !pane) return;
      const extra = Array.from({ length: 10 }, (_, i) => ({ ...pane, id: `extra${i}` }));
      group.controls = [...(group.controls ?? []), ...extra];
      ext(x).ribbons?.[0]?.tabs[0]?.groups?.push({
        id: "more",
        label: "More",
        controls: extra.map((c) => ({ ...c, id: `${c.id}b` })),
      });
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      { path: `${EXT}/ribbons`, message: "23 add-in commands; the unified manifest allows at most 20" },
    ]);
  });

  it("an Entra resource that does not name the client ID", () => {
    const m = broken((x) => {
      x.webApplicationInfo = { id: CLIENT_ID, resource: "api://localhost:3000/another-app" };
    });
    expect(validateUnifiedManifest(m, options)).toEqual([
      {
        path: "/webApplicationInfo/resource",
        message: expect.stringContaining(`must be api://{host}/${CLIENT_ID}`),
      },
    ]);
  });

  it("not an object at all", () => {
    expect(validateUnifiedManifest([GOOD], options)).toEqual([
      { path: "/", message: "manifest.json must hold a JSON object" },
    ]);
  });
});

it("firstDifference names the first place two manifests differ", () => {
  expect(firstDifference(GOOD, JSON.parse(JSON.stringify(GOOD)))).toBeUndefined();
  expect(
    firstDifference(
      GOOD,
      broken((x) => ext(x).ribbons?.pop()),
    ),
  ).toBe(`${EXT}/ribbons/1`);
  expect(firstDifference(1, 2)).toBe("/");
});
