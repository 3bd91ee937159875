/**
 * Bodies as people really have them: plain text with CRLF line ends, 1 MB bodies, and HTML as
 * Outlook for Windows and Outlook on the web write it. Add, update and remove must give the
 * person's body back.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  JOIN_BLOCK_END_MARKER as END,
  JOIN_BLOCK_START_MARKER as START,
  ROOM,
  countOf,
  expect,
  firstDifference,
  joinUrl,
  test,
  WITHOUT_BLUEJEANS,
  type Workbench,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

const FIXTURES = path.resolve(__dirname, "../fixtures/bodies");
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), "utf8");

async function expectOneBlock(wb: Workbench): Promise<string> {
  const text = await wb.readBody("text");
  expect(countOf(text, START), "START markers").toBe(1);
  expect(countOf(text, END), "END markers").toBe(1);
  return text;
}

test.describe("plain-text body", () => {
  const userText = fixture("text-crlf-new.txt");

  test("add, update and remove give the CRLF body back byte for byte", async ({ wb }) => {
    expect(userText).toContain("\r\n");
    await wb.open({ body: "text", appointment: { body: userText, location: "Room 4" } });
    await wb.configureRoom();
    const before = await wb.state();
    expect(before.bodyType).toBe("text");
    expect(before.body).toBe(userText);

    await wb.add();
    let body = (await wb.state()).body;
    expect(body.startsWith(START)).toBe(true);
    expect(body.endsWith(userText)).toBe(true);
    expect(countOf(body, START)).toBe(1);
    expect(countOf(body, END)).toBe(1);
    // The block is written with the body's own line ends: no bare LF anywhere.
    expect(body).not.toMatch(/(?<!\r)\n/);
    expect(body).toContain(`Meeting ID: ${ROOM.id}\r\n`);
    expect((await wb.state()).location).toBe(`Room 4; ${joinUrl(ROOM.id, ROOM.passcode)}`);
    await expect(wb.page.getByTestId("body-editor-text")).toHaveValue(
      /^~=~ BlueJeans meeting :: join details/,
    );

    // Typing above and below the block, then updating.
    await wb.setBody(`Dial-in for the room is fine.\r\n\r\n${body}\r\nP.S. bring the numbers.\r\n`, "text");
    await wb.update();
    body = (await wb.state()).body;
    expect(countOf(body, START)).toBe(1);
    expect(body.startsWith(`Dial-in for the room is fine.\r\n\r\n${START}\r\n`)).toBe(true);
    expect(body.endsWith(`${userText}\r\nP.S. bring the numbers.\r\n`)).toBe(true);
    expect(body).not.toMatch(/(?<!\r)\n/);

    await wb.remove();
    const after = (await wb.state()).body;
    expect(after, firstDifference(after, body)).toBe(
      `Dial-in for the room is fine.\r\n\r\n${userText}\r\nP.S. bring the numbers.\r\n`,
    );
  });

  test("add then remove, untouched in between, restores the body exactly", async ({ wb }) => {
    await wb.open({ body: "text", appointment: { body: userText, location: "Room 4" } });
    await wb.configureRoom();
    await wb.add();
    await wb.update();
    await wb.remove();
    const after = await wb.state();
    expect(after.body, firstDifference(after.body, userText)).toBe(userText);
    expect(after.location).toBe("Room 4");
    expect(after.customProperties).toEqual({});
  });

  test("an LF-only body keeps LF line ends", async ({ wb }) => {
    const lf = userText.replace(/\r\n/g, "\n");
    await wb.open({ body: "text", appointment: { body: lf } });
    await wb.configureRoom();
    await wb.add();
    const body = (await wb.state()).body;
    expect(body).not.toContain("\r");
    expect(body.endsWith(lf)).toBe(true);
    await wb.remove();
    expect((await wb.state()).body).toBe(lf);
  });
});

/**
 * Outlook refuses `body.setAsync` data over 1,000,000 characters (Office docs; the workbench
 * enforces it), and taking the block out means writing the whole body back. So "1 MB" here is
 * 1 MiB of UTF-8 that stays under that many characters: realistic text with accents and
 * punctuation. Bodies over the limit are covered separately below.
 */
const OUTLOOK_BODY_LIMIT = 1_000_000;
const MIB = 1024 * 1024;
/** Room for OWA's document wrapper around HTML content. */
const WRAPPER_SLACK = 2_000;

/** Lines from `line(i)` until the UTF-8 size reaches 1 MiB. */
function oneMebibyte(line: (i: number) => string, separator: string): string {
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < MIB; i++) {
    const next = line(i);
    lines.push(next);
    bytes += Buffer.byteLength(next + separator, "utf8");
  }
  return lines.join(separator);
}

test.describe("1 MB bodies", () => {
  test.describe.configure({ timeout: 60_000 });

  test("HTML: add then remove restores the body", async ({ wb }) => {
    const html = oneMebibyte(
      (i) =>
        `<div>Zeile ${i}: café — “Résumé” ✓ naïve Größe ${i % 97} &amp; <b>½ €</b> ` +
        `<a href="https://contoso.example/doc?id=${i}&amp;v=2">doc ${i}</a></div>`,
      "",
    );
    expect(Buffer.byteLength(html, "utf8")).toBeGreaterThanOrEqual(MIB);
    expect(html.length).toBeLessThan(OUTLOOK_BODY_LIMIT - WRAPPER_SLACK);
    await wb.open({ appointment: { location: "Room 4" } });
    await wb.configureRoom();
    await wb.setBody(html, "html");
    const before = await wb.readBody("html");

    await wb.add();
    const text = await expectOneBlock(wb);
    expect(text.startsWith(START)).toBe(true);
    await wb.remove();
    const after = await wb.readBody("html");
    expect(after === before, firstDifference(after, before)).toBe(true);
    expect((await wb.state()).location).toBe("Room 4");
  });

  test("text: add then remove restores the body byte for byte", async ({ wb }) => {
    const text = oneMebibyte(
      (i) =>
        i % 13 === 0 ? "" : `Zeile ${i}\tcafé — “Résumé” ✓ naïve Größe <${i % 97}> ${"x".repeat(i % 40)}  `,
      "\r\n",
    );
    expect(Buffer.byteLength(text, "utf8")).toBeGreaterThanOrEqual(MIB);
    expect(text.length).toBeLessThan(OUTLOOK_BODY_LIMIT);
    await wb.open({ body: "text" });
    await wb.configureRoom();
    await wb.setBody(text, "text");

    await wb.add();
    const added = (await wb.state()).body;
    expect(added.startsWith(START)).toBe(true);
    expect(added.endsWith(text)).toBe(true);
    await wb.update();
    await wb.remove();
    const after = (await wb.state()).body;
    expect(after === text, firstDifference(after, text)).toBe(true);
  });

  test("over Outlook's body limit: add works, remove fails cleanly and changes nothing", async ({ wb }) => {
    const text = "A line of the person's own notes.\r\n".repeat(Math.ceil(OUTLOOK_BODY_LIMIT / 35) + 10);
    expect(text.length).toBeGreaterThan(OUTLOOK_BODY_LIMIT);
    await wb.open({ body: "text", appointment: { location: "Room 4" } });
    await wb.configureRoom();
    await wb.setBody(text, "text");
    await wb.add();
    const added = await wb.parts();
    expect(added.body.endsWith(text)).toBe(true);

    await wb.removeButton.click();
    // Retrying cannot help, so the message says what to do instead.
    await expect(wb.errorBar).toContainText("too long for Outlook to let add-ins change it");
    await expect(wb.errorBar).toContainText("Remove the BlueJeans details from the body by hand");
    await expect(wb.removeButton).toBeVisible();
    await wb.idle();
    // The location and the stored meeting were put back: nothing is half-removed.
    expect(await wb.parts()).toEqual(added);
  });
});

test.describe("bodies written by Outlook", () => {
  /** File, lines of visible text, and markup that must survive too (a link's target). */
  const NEW_BODIES: Array<[string, string[], string]> = [
    [
      "outlook-windows-new.html",
      ["Agenda for Thursday’s planning session:", "Budget review & Q3 plan", "Grace"],
      "sites/plan/Shared%20Documents/Q3.docx?d=w1f2e&amp;csf=1&amp;web=1",
    ],
    [
      "owa-new.html",
      ["Hi team – quick sync on the Q3 plan & hiring.", "Grace Hopper"],
      'href="https://contoso.sharepoint.com/:w:/r/sites/plan/Q3.docx?d=w1f2e&amp;csf=1&amp;web=1"',
    ],
  ];

  for (const [name, lines, markup] of NEW_BODIES) {
    test(`${name}: add, update and remove keep the person's content`, async ({ wb }) => {
      await wb.open({ appointment: { location: "Room 4" } });
      await wb.configureRoom();
      await wb.setBody(fixture(name), "html");
      const beforeText = await wb.readBody("text");
      for (const line of lines) expect(countOf(beforeText, line), line).toBe(1);

      await wb.add();
      let text = await expectOneBlock(wb);
      expect(text.startsWith(START)).toBe(true);
      expect(text.endsWith(beforeText)).toBe(true);

      await wb.update();
      text = await expectOneBlock(wb);
      expect(text.endsWith(beforeText)).toBe(true);

      await wb.remove();
      const afterText = await wb.readBody("text");
      expect(afterText, firstDifference(afterText, beforeText)).toBe(beforeText);
      const after = await wb.state();
      expect(after.body).not.toContain("bluejeans-join-block");
      expect(countOf(after.body, markup)).toBe(1);
      expect(after.location).toBe("Room 4");
      expect(after.customProperties).toEqual({});
    });
  }

  const BLOCK_BODIES = [
    "owa-block.html",
    "outlook-windows-resaved-block.html",
    "outlook-windows-wrapped-block.html",
  ];
  for (const name of BLOCK_BODIES) {
    test(`${name}: a block already in the body is updated in place, then removed`, async ({ wb }) => {
      await wb.open({ appointment: { location: "Room 4" } });
      await wb.configureRoom();
      await wb.setBody(fixture(name), "html");
      const beforeText = await wb.readBody("text");
      expect(countOf(beforeText, START)).toBe(1);
      const userPart = beforeText.slice(beforeText.indexOf(END) + END.length);

      await wb.add();
      const text = await expectOneBlock(wb);
      expect(text).toContain(`Meeting ID: ${ROOM.id}`);
      expect(text.endsWith(userPart)).toBe(true);

      await wb.remove();
      const afterText = await wb.readBody("text");
      expect(afterText).not.toContain(START);
      expect(afterText).not.toContain(END);
      expect(userPart.endsWith(afterText)).toBe(true);
      expect(afterText.trim()).not.toBe("");
      expect((await wb.state()).location).toBe("Room 4");
    });
  }
});
