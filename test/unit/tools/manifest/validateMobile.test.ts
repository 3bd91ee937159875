/**
 * The Outlook mobile checks: the project's manifest passes, and each broken copy (one defect
 * each) is reported with the element it is about.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { mobileIconFile, renderAllIcons } from "../../../../tools/make-icons";
import { collectSourceFiles, validateManifest } from "../../../../tools/manifest/validateManifest";
import {
  MOBILE_ICON_SCALES,
  MOBILE_ICON_SIZES,
  validateMobileFormFactor,
  type ValidateMobileOptions,
} from "../../../../tools/manifest/validateMobile";
import { ASSETS, ORIGIN, ROOT, copyOfAssets, mutate, mutateInner, writePng } from "./fixtures";

const MANIFEST = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const SOURCES = collectSourceFiles(join(ROOT, "src"), ROOT);
const MOBILE = "/OfficeApp/VersionOverrides/VersionOverrides/Hosts/Host/MobileFormFactor";
const SURFACE = `${MOBILE}/ExtensionPoint`;
const CONTROL = `${SURFACE}/Control`;

const options: ValidateMobileOptions = {
  assetDir: ASSETS,
  origin: ORIGIN,
  sourceFiles: SOURCES,
  requireMobile: true,
};

const MOBILE_PART = /\s*<!--[^>]*iOS and Android[^>]*-->\s*<MobileFormFactor>[\s\S]*?<\/MobileFormFactor>/;

describe("the project's mobile part", () => {
  it("passes the mobile checks and the generic ones", () => {
    expect(validateMobileFormFactor(MANIFEST, options)).toEqual([]);
    expect(validateManifest(MANIFEST, options)).toEqual([]);
  });

  it("ships the icons tools/make-icons.ts draws, grey, at every size and scale", () => {
    const drawn = renderAllIcons();
    for (const size of MOBILE_ICON_SIZES) {
      for (const scale of MOBILE_ICON_SCALES) {
        const name = mobileIconFile(size, scale);
        const bytes = readFileSync(join(ASSETS, name));
        expect(bytes.equals(drawn.get(name) ?? Buffer.alloc(0))).toBe(true);
        const png = PNG.sync.read(bytes);
        expect([png.width, png.height]).toEqual([size * scale, size * scale]);
        expect(MANIFEST).toContain(`/assets/${name}"`);
      }
    }
  });
});

describe("broken mobile parts, one defect each", () => {
  it("no mobile part at all, when the project requires one", () => {
    const without = MANIFEST.replace(MOBILE_PART, "");
    expect(without).not.toContain("MobileFormFactor");
    expect(validateMobileFormFactor(without, options)).toEqual([
      { path: "/OfficeApp", message: expect.stringContaining("no MobileFormFactor") },
    ]);
    // Optional elsewhere: an add-in without mobile support is still a valid manifest.
    expect(validateMobileFormFactor(without, { ...options, requireMobile: false })).toEqual([]);
  });

  it("an icon size missing", () => {
    const xml = mutate(MANIFEST, '<bt:Image size="48" scale="3" resid="Icon.Mobile.48x3"/>', "");
    expect(validateMobileFormFactor(xml, options)).toEqual([
      { path: `${CONTROL}/Icon`, message: "the mobile Icon needs a bt:Image of size 48 at scale 3" },
    ]);
  });

  it("a scale given twice", () => {
    const xml = mutate(MANIFEST, 'size="25" scale="3"', 'size="25" scale="2"');
    const problems = validateMobileFormFactor(xml, options).map((p) => p.message);
    expect(problems).toEqual([
      "the mobile Icon has size 25 at scale 2 twice",
      "the mobile Icon needs a bt:Image of size 25 at scale 3",
    ]);
  });

  it("a size Outlook mobile does not use", () => {
    const xml = mutate(MANIFEST, 'size="32" scale="1"', 'size="30" scale="1"');
    expect(validateMobileFormFactor(xml, options).map((p) => p.message)).toEqual([
      'mobile icon size must be one of 25, 32, 48, not "30"',
      "the mobile Icon needs a bt:Image of size 32 at scale 1",
    ]);
  });

  it("a desktop Button instead of a MobileButton", () => {
    const xml = mutate(MANIFEST, 'xsi:type="MobileButton"', 'xsi:type="Button"');
    expect(validateMobileFormFactor(xml, options)).toEqual([
      { path: CONTROL, message: expect.stringContaining('must have xsi:type="MobileButton", not "Button"') },
    ]);
  });

  it("two controls on the surface", () => {
    const control = /<Control xsi:type="MobileButton"[\s\S]*?<\/Control>/.exec(MANIFEST)?.[0] ?? "";
    const xml = mutate(MANIFEST, control, control + control.replace("bjnMobileAddMeetingButton", "second"));
    expect(validateMobileFormFactor(xml, options)).toContainEqual({
      path: SURFACE,
      message: `MobileOnlineMeetingCommandSurface must hold exactly one Control, not 2 elements`,
    });
  });

  it("a button that opens a pane instead of running a function", () => {
    const xml = mutate(
      MANIFEST,
      '<Action xsi:type="ExecuteFunction">\n                  <FunctionName>addBlueJeansMeeting</FunctionName>',
      '<Action xsi:type="ShowTaskpane">\n                  <SourceLocation resid="Taskpane.Url"/>',
    );
    expect(validateMobileFormFactor(xml, options)).toEqual([
      { path: `${CONTROL}/Action`, message: expect.stringContaining("must run a function") },
    ]);
  });

  it("a function the code never registers", () => {
    const xml = mutate(
      MANIFEST,
      "<FunctionName>addBlueJeansMeeting</FunctionName>\n                </Action>\n              </Control>\n            </ExtensionPoint>\n          </MobileFormFactor>",
      "<FunctionName>addMeetingOnPhone</FunctionName>\n                </Action>\n              </Control>\n            </ExtensionPoint>\n          </MobileFormFactor>",
    );
    expect(validateMobileFormFactor(xml, options)).toEqual([
      { path: `${CONTROL}/Action/FunctionName`, message: expect.stringContaining('"addMeetingOnPhone"') },
    ]);
  });

  it("children out of order", () => {
    const xml = mutate(MANIFEST, '<Label resid="AddMeeting.Label"/>\n                <Icon', "<Icon");
    const withLabelLast = mutate(
      xml,
      "</Action>\n              </Control>\n            </ExtensionPoint>\n          </MobileFormFactor>",
      '</Action>\n<Label resid="AddMeeting.Label"/></Control></ExtensionPoint></MobileFormFactor>',
    );
    expect(validateMobileFormFactor(withLabelLast, options)).toEqual([
      { path: CONTROL, message: "MobileButton children must come in the order Label, Icon, Action" },
    ]);
  });

  it("a Mailbox requirement below 1.3", () => {
    const xml = mutateInner(
      MANIFEST,
      '<bt:Sets DefaultMinVersion="1.3">',
      '<bt:Sets DefaultMinVersion="1.1">',
    );
    expect(validateMobileFormFactor(xml, options)).toEqual([
      {
        path: "/OfficeApp/VersionOverrides/VersionOverrides/Requirements/bt:Sets/bt:Set",
        message: expect.stringContaining("Mailbox MinVersion 1.1 is below 1.3"),
      },
    ]);
  });

  it("the surface in the desktop form factor", () => {
    const xml = mutateInner(
      MANIFEST,
      '<ExtensionPoint xsi:type="AppointmentOrganizerCommandSurface">',
      '<ExtensionPoint xsi:type="MobileOnlineMeetingCommandSurface"/>\n<ExtensionPoint xsi:type="AppointmentOrganizerCommandSurface">',
    );
    expect(validateMobileFormFactor(xml, options)).toEqual([
      {
        path: "/OfficeApp/VersionOverrides/VersionOverrides/Hosts/Host/DesktopFormFactor/ExtensionPoint[1]",
        message: "MobileOnlineMeetingCommandSurface belongs in MobileFormFactor, not DesktopFormFactor",
      },
    ]);
  });

  it("an icon drawn in colour", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, mobileIconFile(25, 1)), 25, [0x2b, 0x6f, 0xd6, 0xff]);
    expect(validateMobileFormFactor(MANIFEST, { ...options, assetDir })).toEqual([
      {
        path: `${CONTROL}/Icon/bt:Image[1]`,
        message: expect.stringContaining("has colour #2b6fd6 at pixel (0, 0)"),
      },
    ]);
  });

  it("an icon with nothing in it", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, mobileIconFile(48, 2)), 96, [0x91, 0x91, 0x91, 0]);
    expect(validateMobileFormFactor(MANIFEST, { ...options, assetDir })).toEqual([
      {
        path: `${CONTROL}/Icon/bt:Image[8]`,
        message: 'mobile icon file "icon-mobile-48-2x.png" is fully transparent',
      },
    ]);
  });

  it("an icon file at the scale-1 size where scale 2 is declared (the generic check)", () => {
    const assetDir = copyOfAssets();
    writePng(join(assetDir, mobileIconFile(25, 2)), 25, [0x91, 0x91, 0x91, 0xff]);
    expect(validateManifest(MANIFEST, { ...options, assetDir })).toEqual([
      {
        path: "/OfficeApp/VersionOverrides/VersionOverrides/Resources/bt:Images/bt:Image[5]",
        message: 'icon file "icon-mobile-25-2x.png" is 25x25 pixels, but it is used as a 50x50 icon',
      },
    ]);
  });
});
