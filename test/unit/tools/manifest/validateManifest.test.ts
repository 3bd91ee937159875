import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import {
  collectSourceFiles,
  compareVersions,
  findMailboxApiUses,
  stripComments,
  validateManifest,
} from "../../../../tools/manifest/validateManifest";
import type { Problem, ValidateManifestOptions } from "../../../../tools/manifest/validateManifest";

const ROOT = resolve(__dirname, "../../../..");
const MANIFEST = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const ASSETS = join(ROOT, "assets");
const ORIGIN = "https://localhost:3000";

const VO = "/OfficeApp/VersionOverrides/VersionOverrides";
const FORM_FACTOR = `${VO}/Hosts/Host/DesktopFormFactor`;
const EXTENSION_POINT = `${FORM_FACTOR}/ExtensionPoint[1]`;
const GROUP = `${EXTENSION_POINT}/OfficeTab/Group`;
const RESOURCES = `${VO}/Resources`;

/** Options for the real project: its assets, its origin, no source files unless a test adds some. */
const baseOptions: ValidateManifestOptions = { assetDir: ASSETS, origin: ORIGIN };

/** Replaces exactly one occurrence of `from`, so a test fails loudly if the manifest changes shape. */
function mutate(xml: string, from: string | RegExp, to: string): string {
  const pattern =
    typeof from === "string" ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : from;
  const matches = xml.match(new RegExp(pattern.source, "g")) ?? [];
  if (matches.length !== 1) throw new Error(`expected one match of ${String(from)}, found ${matches.length}`);
  return xml.replace(new RegExp(pattern.source), to);
}

/** The nested VersionOverridesV1_1 starts here; the VersionOverridesV1_0 before it repeats the commands. */
const INNER_START = 'xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1"';

/** Like mutate, but only inside the nested VersionOverridesV1_1 (the one with the LaunchEvent). */
function mutateInner(xml: string, from: string | RegExp, to: string): string {
  const at = xml.indexOf(INNER_START);
  if (at === -1) throw new Error("no nested VersionOverridesV1_1");
  return xml.slice(0, at) + mutate(xml.slice(at), from, to);
}

/** The code that registers the event handlers, so the FunctionName check has something to find. */
const EVENT_NAMES_FILE = {
  path: "src/addin/events/names.ts",
  text: readFileSync(join(ROOT, "src/addin/events/names.ts"), "utf8"),
};
const OUTER = "/OfficeApp/VersionOverrides";

function validate(xml: string, options: ValidateManifestOptions = baseOptions): Problem[] {
  return validateManifest(xml, options);
}

function writePng(file: string, width: number, height: number): void {
  const png = new PNG({ width, height });
  png.data.fill(0xff);
  writeFileSync(file, PNG.sync.write(png));
}

let tempDirs: string[] = [];

/** A copy of assets/ that a test may damage. */
function copyOfAssets(): string {
  const dir = mkdtempSync(join(tmpdir(), "bjn-assets-"));
  tempDirs.push(dir);
  for (const name of readdirSync(ASSETS)) copyFileSync(join(ASSETS, name), join(dir, name));
  return dir;
}

afterEach(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs = [];
});

describe("the project's manifest.xml", () => {
  it("validates clean against assets/ and src/", () => {
    const sourceFiles = collectSourceFiles(join(ROOT, "src"), ROOT);
    expect(validate(MANIFEST, { ...baseOptions, sourceFiles })).toEqual([]);
  });

  it("validates clean once the build has replaced the origin", () => {
    const built = MANIFEST.split(ORIGIN).join("https://outlook-addin.example.org");
    expect(validate(built, { assetDir: ASSETS, origin: "https://outlook-addin.example.org" })).toEqual([]);
  });

  it("declares the function command the commands bundle must register", () => {
    expect(MANIFEST).toContain("<FunctionName>addBlueJeansMeeting</FunctionName>");
  });

  it("only uses https://localhost:3000 for its own URLs", () => {
    const withoutComments = MANIFEST.replace(/<!--[\s\S]*?-->/g, "");
    const urls = withoutComments.match(/https?:\/\/[^"<\s]+/g) ?? [];
    const foreign = urls.filter(
      (url) =>
        !url.startsWith(`${ORIGIN}/`) &&
        !url.startsWith("http://schemas.microsoft.com/") &&
        !url.startsWith("http://www.w3.org/") &&
        !["https://bluejeans.com", "https://login.microsoftonline.com"].includes(url),
    );
    expect(foreign).toEqual([]);
  });
});

describe("manifests with one defect each", () => {
  it("reports base elements out of order", () => {
    const displayName = '  <DisplayName DefaultValue="BlueJeans for Outlook"/>\n';
    const xml = mutate(MANIFEST, displayName, "").replace(
      /( {2}<Description [^\n]*\n)/,
      (description: string) => description + displayName,
    );
    expect(validate(xml)).toEqual([
      { path: "/OfficeApp/DisplayName", message: "DisplayName must come before Description" },
    ]);
  });

  it("reports VersionOverrides children out of order", () => {
    const hosts = /(\s*<Hosts>\s*<Host xsi:type="MailHost">[\s\S]*?<\/Hosts>)/;
    const inner = MANIFEST.slice(MANIFEST.indexOf(INNER_START));
    const hostsBlock = inner.match(hosts)?.[1] ?? "";
    const moved = mutate(inner, hosts, "").replace("</Resources>", `</Resources>${hostsBlock}`);
    const xml = MANIFEST.slice(0, MANIFEST.indexOf(INNER_START)) + moved;
    expect(validate(xml)).toEqual([{ path: `${VO}/Hosts`, message: "Hosts must come before Resources" }]);
  });

  it("reports a missing required element", () => {
    const xml = mutate(MANIFEST, "  <Permissions>ReadWriteItem</Permissions>\n", "");
    expect(validate(xml)).toEqual([{ path: "/OfficeApp", message: "missing required element Permissions" }]);
  });

  it("reports a FunctionFile that is not the first child of its form factor", () => {
    const functionFile = '<FunctionFile resid="Commands.Url"/>';
    const at = MANIFEST.indexOf(INNER_START);
    const desktop = /(<DesktopFormFactor>\s*)<FunctionFile resid="Commands.Url"\/>/;
    expect(MANIFEST.slice(at)).toMatch(desktop);
    const inner = MANIFEST.slice(at)
      .replace(desktop, "$1")
      .replace("</ExtensionPoint>", `</ExtensionPoint>\n${functionFile}`);
    const xml = MANIFEST.slice(0, at) + inner;
    expect(validate(xml)).toEqual([
      {
        path: `${FORM_FACTOR}/FunctionFile`,
        message: "FunctionFile must be the first child of DesktopFormFactor",
      },
    ]);
  });

  it("reports an unresolved resid", () => {
    const xml = mutateInner(MANIFEST, '<Label resid="Group.Label"/>', '<Label resid="Group.Lable"/>');
    expect(validate(xml)).toEqual([
      { path: `${GROUP}/Label`, message: 'resid "Group.Lable" does not match any id in bt:ShortStrings' },
    ]);
  });

  it("reports a resid that points at the wrong kind of resource", () => {
    const xml = mutateInner(
      MANIFEST,
      '<SourceLocation resid="Taskpane.Url"/>',
      '<SourceLocation resid="Group.Label"/>',
    );
    expect(validate(xml)).toEqual([
      {
        path: `${GROUP}/Control[1]/Action/SourceLocation`,
        message: 'resid "Group.Label" must refer to bt:Urls, but it is defined in bt:ShortStrings',
      },
    ]);
  });

  it("reports a duplicate resource id", () => {
    const xml = mutateInner(
      MANIFEST,
      "</bt:ShortStrings>",
      '  <bt:String id="Group.Label" DefaultValue="BlueJeans video"/>\n        </bt:ShortStrings>',
    );
    expect(validate(xml)).toEqual([
      { path: `${RESOURCES}/bt:ShortStrings/bt:String[4]`, message: 'duplicate resource id "Group.Label"' },
    ]);
  });

  it("reports a duplicate control id", () => {
    const xml = mutateInner(MANIFEST, 'id="bjnAddMeetingButton"', 'id="bjnTaskpaneButton"');
    expect(validate(xml)).toEqual([
      { path: `${GROUP}/Control[2]`, message: 'duplicate control id "bjnTaskpaneButton"' },
    ]);
  });

  it("reports an http URL", () => {
    const xml = mutateInner(MANIFEST, `"${ORIGIN}/commands.html"`, '"http://localhost:3000/commands.html"');
    expect(validate(xml)).toEqual([
      {
        path: `${RESOURCES}/bt:Urls/bt:Url[1]`,
        message: 'URL "http://localhost:3000/commands.html" must use https',
      },
    ]);
  });

  it("reports a URL on a foreign origin", () => {
    const xml = mutateInner(
      MANIFEST,
      `<bt:Url id="Taskpane.Url" DefaultValue="${ORIGIN}/taskpane.html"/>`,
      '<bt:Url id="Taskpane.Url" DefaultValue="https://bluejeans.example.net/taskpane.html"/>',
    );
    expect(validate(xml)).toEqual([
      {
        path: `${RESOURCES}/bt:Urls/bt:Url[2]`,
        message:
          'URL "https://bluejeans.example.net/taskpane.html" is not on the add-in origin https://localhost:3000 or an AppDomain',
      },
    ]);
  });

  it("accepts URLs on an AppDomain or an allowed domain", () => {
    const onAppDomain = mutate(MANIFEST, `"${ORIGIN}/support.html"`, '"https://bluejeans.com/support"');
    expect(validate(onAppDomain)).toEqual([]);
    const onAllowed = mutate(MANIFEST, `"${ORIGIN}/support.html"`, '"https://help.example.com/bluejeans"');
    expect(validate(onAllowed, { ...baseOptions, allowedDomains: ["https://*.example.com"] })).toEqual([]);
  });

  it("reports a missing icon file", () => {
    const assetDir = copyOfAssets();
    unlinkSync(join(assetDir, "icon-80.png"));
    expect(validate(MANIFEST, { ...baseOptions, assetDir })).toEqual([
      {
        path: `${OUTER}/Resources/bt:Images/bt:Image[3]`,
        message: 'icon file "icon-80.png" is missing from the asset directory',
      },
      {
        path: `${RESOURCES}/bt:Images/bt:Image[3]`,
        message: 'icon file "icon-80.png" is missing from the asset directory',
      },
    ]);
  });

  it("reports a button icon of the wrong size", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, "icon-32.png"), 16, 16);
    expect(validate(MANIFEST, { ...baseOptions, assetDir })).toEqual([
      {
        path: `${OUTER}/Resources/bt:Images/bt:Image[2]`,
        message: 'icon file "icon-32.png" is 16x16 pixels, but it is used as a 32x32 icon',
      },
      {
        path: `${RESOURCES}/bt:Images/bt:Image[2]`,
        message: 'icon file "icon-32.png" is 16x16 pixels, but it is used as a 32x32 icon',
      },
    ]);
  });

  it("reports an IconUrl that is not 64x64", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, "icon-64.png"), 128, 128);
    expect(validate(MANIFEST, { ...baseOptions, assetDir })).toEqual([
      {
        path: "/OfficeApp/IconUrl",
        message: 'icon file "icon-64.png" is 128x128 pixels, but it is used as a 64x64 icon',
      },
    ]);
  });

  it("reports an icon file that is not a PNG", () => {
    const assetDir = copyOfAssets();
    writeFileSync(join(assetDir, "icon-16.png"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    expect(validate(MANIFEST, { ...baseOptions, assetDir })).toEqual([
      { path: `${OUTER}/Resources/bt:Images/bt:Image[1]`, message: 'icon file "icon-16.png" is not a PNG' },
      { path: `${RESOURCES}/bt:Images/bt:Image[1]`, message: 'icon file "icon-16.png" is not a PNG' },
    ]);
  });

  it("reports two ExecuteFunction buttons on the appointment organizer surface", () => {
    const xml = mutateInner(
      MANIFEST,
      /<Action xsi:type="ShowTaskpane">\s*<SourceLocation resid="Taskpane.Url"\/>\s*<\/Action>/,
      '<Action xsi:type="ExecuteFunction"><FunctionName>openBlueJeans</FunctionName></Action>',
    );
    expect(validate(xml)).toEqual([
      {
        path: EXTENSION_POINT,
        message: "AppointmentOrganizerCommandSurface has 2 ExecuteFunction controls; Outlook allows only one",
      },
    ]);
  });

  describe("requirement sets against the Mailbox APIs in the code", () => {
    const sourceFiles = [
      {
        path: "src/addin/host/body.ts",
        text: "// writes the join block\nexport const write = (item, html, cb) => item.body.setAsync(html, cb);\n",
      },
      EVENT_NAMES_FILE,
    ];

    it("reports a base MinVersion 1.1 when the code calls body.setAsync", () => {
      const xml = mutate(
        MANIFEST,
        '<Set Name="Mailbox" MinVersion="1.3"/>',
        '<Set Name="Mailbox" MinVersion="1.1"/>',
      );
      expect(validate(xml, { ...baseOptions, sourceFiles })).toEqual([
        {
          path: "/OfficeApp/Requirements/Sets/Set",
          message:
            "Mailbox MinVersion 1.1 does not cover body.setAsync, which needs Mailbox 1.3 (src/addin/host/body.ts:2)",
        },
      ]);
    });

    it("reports an override DefaultMinVersion 1.1 when the code calls body.setAsync", () => {
      const inner = MANIFEST.indexOf(INNER_START);
      const xml =
        mutate(
          MANIFEST.slice(0, inner),
          '<bt:Sets DefaultMinVersion="1.3">',
          '<bt:Sets DefaultMinVersion="1.1">',
        ) + MANIFEST.slice(inner);
      expect(validate(xml, { ...baseOptions, sourceFiles })).toEqual([
        {
          path: `${OUTER}/Requirements/bt:Sets/bt:Set`,
          message:
            "Mailbox MinVersion 1.1 does not cover body.setAsync, which needs Mailbox 1.3 (src/addin/host/body.ts:2)",
        },
      ]);
    });

    it("accepts MinVersion 1.3 for the same code", () => {
      expect(validate(MANIFEST, { ...baseOptions, sourceFiles })).toEqual([]);
    });
  });

  it("reports a short string longer than 125 characters", () => {
    const long = "B".repeat(126);
    const xml = mutateInner(MANIFEST, 'DefaultValue="BlueJeans"/>', `DefaultValue="${long}"/>`);
    expect(validate(xml)).toEqual([
      {
        path: `${RESOURCES}/bt:ShortStrings/bt:String[1]`,
        message: 'short string "Group.Label" is 126 characters long (at most 125 allowed)',
      },
    ]);
    expect(
      validate(mutateInner(MANIFEST, 'DefaultValue="BlueJeans"/>', `DefaultValue="${"B".repeat(125)}"/>`)),
    ).toEqual([]);
  });

  it("reports a long string longer than 250 characters", () => {
    const xml = mutateInner(
      MANIFEST,
      /(<bt:String id="AddMeeting.Tooltip" DefaultValue=")[^"]*"/,
      `$1${"x".repeat(251)}"`,
    );
    expect(validate(xml)).toEqual([
      {
        path: `${RESOURCES}/bt:LongStrings/bt:String[2]`,
        message: 'long string "AddMeeting.Tooltip" is 251 characters long (at most 250 allowed)',
      },
    ]);
  });

  it("reports malformed XML as a problem instead of throwing", () => {
    const xml = mutate(MANIFEST, "</Permissions>", "</Permission>");
    const line = xml.split("\n").findIndex((text) => text.includes("</Permission>")) + 1;
    const problems = validate(xml);
    expect(problems).toEqual([{ path: "/", message: expect.any(String) }]);
    expect(problems[0]?.message).toMatch(
      new RegExp(
        `^XML is not well-formed: Opening and ending tag mismatch: "Permissions" != "Permission" \\(line ${line}, column \\d+\\)$`,
      ),
    );
  });

  it("never throws on input that is not XML at all", () => {
    expect(validate("")).toEqual([{ path: "/", message: "XML is not well-formed: missing root element" }]);
    expect(validate("not xml")).toEqual([
      { path: "/", message: "XML is not well-formed: missing root element" },
    ]);
  });

  it("reports a manifest that is not a MailApp", () => {
    const xml = mutate(MANIFEST, 'xsi:type="MailApp"', 'xsi:type="TaskPaneApp"');
    expect(validate(xml)).toEqual([
      { path: "/OfficeApp", message: 'OfficeApp xsi:type must be "MailApp", not "TaskPaneApp"' },
    ]);
  });
});

describe("source scanning", () => {
  it("ignores comments but keeps line numbers", () => {
    const code =
      "/* sessionData\n enhancedLocation */\nconst url = 'https://x'; // notificationMessages\nitem.sessionData;";
    expect(stripComments(code).split("\n")).toHaveLength(4);
    expect(findMailboxApiUses([{ path: "a.ts", text: code }])).toEqual([
      { api: "sessionData", set: "1.11", file: "a.ts", line: 4 },
    ]);
  });

  it("tells body.setAsync (1.3) from location.setAsync (1.1) and custom properties saveAsync", () => {
    const uses = findMailboxApiUses([
      {
        path: "a.ts",
        text: "item.location.setAsync(x, cb);\nprops.saveAsync(cb);\nitem?.body?.setAsync(h, cb);",
      },
    ]);
    expect(uses.map((use) => `${use.api}@${use.set}:${use.line}`)).toEqual([
      "location.getAsync/setAsync@1.1:1",
      "body.setAsync@1.3:3",
    ]);
  });

  it("compares versions numerically", () => {
    expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
    expect(compareVersions("1.3", "1.3.0")).toBe(0);
    expect(compareVersions("1.1", "1.3")).toBeLessThan(0);
  });
});

describe("optional uses of newer Mailbox APIs", () => {
  it("a use marked optional on its line does not raise the minimum; an unmarked one does", () => {
    const marked =
      "const t = mailbox.userProfile.accountType; // requirement set: optional (feature-detected)\n";
    expect(findMailboxApiUses([{ path: "a.ts", text: marked }])).toEqual([]);
    expect(
      findMailboxApiUses([{ path: "b.ts", text: "const t = mailbox.userProfile.accountType;\n" }]),
    ).toEqual([{ api: "userProfile.accountType", set: "1.6", file: "b.ts", line: 1 }]);
  });
});

describe("event-based activation (Runtimes and LaunchEvent), one defect each", () => {
  const LAUNCH = `${FORM_FACTOR}/ExtensionPoint[2]`;
  const events = { ...baseOptions, sourceFiles: [EVENT_NAMES_FILE] };

  it("the project's events validate clean with the code that registers them", () => {
    expect(validate(MANIFEST, events)).toEqual([]);
  });

  it("reports an outer VersionOverrides without the commands (clients that skip V1_1 would get nothing)", () => {
    const start = MANIFEST.indexOf("    <Requirements>\n      <bt:Sets");
    const end = MANIFEST.indexOf("    <VersionOverrides", start);
    const xml = MANIFEST.slice(0, start) + MANIFEST.slice(end);
    expect(validate(xml)).toEqual([
      {
        path: OUTER,
        message:
          "clients that do not read VersionOverridesV1_1 use this VersionOverrides, but it has no AppointmentOrganizerCommandSurface: they would get neither the pane nor the command",
      },
    ]);
  });

  it("reports an unknown LaunchEvent Type", () => {
    const xml = mutate(MANIFEST, 'Type="OnAppointmentTimeChanged"', 'Type="OnAppointmentTimeChange"');
    expect(validate(xml)).toEqual([
      {
        path: `${LAUNCH}/LaunchEvents/LaunchEvent[2]`,
        message: expect.stringMatching(/^LaunchEvent Type "OnAppointmentTimeChange" is not an appointment/),
      },
    ]);
  });

  it("reports the same event listed twice", () => {
    const xml = mutate(MANIFEST, 'Type="OnAppointmentTimeChanged"', 'Type="OnAppointmentAttendeesChanged"');
    expect(validate(xml)).toEqual([
      {
        path: `${LAUNCH}/LaunchEvents/LaunchEvent[3]`,
        message: 'LaunchEvent Type "OnAppointmentAttendeesChanged" is listed twice',
      },
    ]);
  });

  it("reports OnAppointmentSend without a SendMode, and a SendMode on another event", () => {
    const noMode = mutate(MANIFEST, ' SendMode="SoftBlock"', "");
    expect(validate(noMode)).toEqual([
      {
        path: `${LAUNCH}/LaunchEvents/LaunchEvent[5]`,
        message: 'OnAppointmentSend needs SendMode PromptUser, SoftBlock, Block, not ""',
      },
    ]);
    const misplaced = mutate(
      MANIFEST,
      'FunctionName="onTimeChanged"/>',
      'FunctionName="onTimeChanged" SendMode="Block"/>',
    );
    expect(validate(misplaced)).toEqual([
      {
        path: `${LAUNCH}/LaunchEvents/LaunchEvent[2]`,
        message: "SendMode applies only to send events, not OnAppointmentTimeChanged",
      },
    ]);
  });

  it("reports a LaunchEvent SourceLocation that is not the event runtime", () => {
    const xml = mutate(
      MANIFEST,
      '<SourceLocation resid="Events.Url"/>',
      '<SourceLocation resid="Taskpane.Url"/>',
    );
    expect(validate(xml)).toEqual([
      {
        path: `${LAUNCH}/SourceLocation`,
        message: 'SourceLocation resid "Taskpane.Url" is not the resid of a Runtime in Runtimes',
      },
    ]);
  });

  it("reports a LaunchEvent without Runtimes", () => {
    const xml = mutate(MANIFEST, /\s*<!-- Event runtime:[\s\S]*?<\/Runtimes>/, "");
    expect(validate(xml)).toEqual([
      {
        path: `${LAUNCH}/SourceLocation`,
        message: "LaunchEvent needs a Runtimes element in its Host with the event runtime",
      },
    ]);
  });

  it("reports a runtime Override that is not javascript", () => {
    const xml = mutate(MANIFEST, '<Override type="javascript"', '<Override type="js"');
    expect(validate(xml)).toEqual([
      {
        path: `${VO}/Hosts/Host/Runtimes/Runtime/Override`,
        message: 'Runtime Override must have type="javascript", not "js"',
      },
    ]);
  });

  it("reports a FunctionName the code never registers", () => {
    const xml = mutate(MANIFEST, 'FunctionName="onAppointmentSend"', 'FunctionName="onSend"');
    expect(validate(xml, events)).toEqual([
      {
        path: `${LAUNCH}/LaunchEvents/LaunchEvent[5]`,
        message:
          'LaunchEvent FunctionName "onSend" is not registered anywhere in the code (Office.actions.associate)',
      },
    ]);
  });

  it("checks event-runtime files against the LaunchEvent's VersionOverrides only", () => {
    const eventFile = {
      path: "src/addin/events/session.ts",
      text: "// requirement set: events\nexport const read = (item) => item.sessionData.getAllAsync(() => 0);\n",
    };
    // sessionData needs 1.11; event handlers run from Mailbox 1.10 (the VersionOverrides asks for 1.3).
    expect(validate(MANIFEST, { ...baseOptions, sourceFiles: [EVENT_NAMES_FILE, eventFile] })).toEqual([
      {
        path: `${VO}/Requirements/bt:Sets/bt:Set`,
        message:
          "Mailbox 1.10, where the event handlers run, does not cover sessionData, which needs Mailbox 1.11 (src/addin/events/session.ts:2)",
      },
    ]);
    const inner = MANIFEST.indexOf(INNER_START);
    const raised =
      MANIFEST.slice(0, inner) +
      mutate(
        MANIFEST.slice(inner),
        '<bt:Sets DefaultMinVersion="1.3">',
        '<bt:Sets DefaultMinVersion="1.11">',
      );
    expect(validate(raised, { ...baseOptions, sourceFiles: [EVENT_NAMES_FILE, eventFile] })).toEqual([]);
  });
});
