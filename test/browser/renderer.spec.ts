/**
 * The renderer switch: the shipped build renders with preact/compat, and the React build
 * (`npm run build:react`, into build/react) still works end to end, so a Fluent upgrade that
 * breaks under preact can ship on React the same day. The React build gets a server of its own.
 */
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { devCerts } from "../../dev/certs";
import { startDevStack } from "../../dev/devServer";
import {
  JOIN_BLOCK_START_MARKER as START,
  ROOM,
  countOf,
  expect,
  test,
  WITHOUT_BLUEJEANS,
  type Workbench,
} from "./workbench";

// First runs here keep the settings form: the person signed in has no BlueJeans account to look up.
test.use({ mailboxUser: WITHOUT_BLUEJEANS });

const root = path.resolve(__dirname, "../..");
const REACT_BUILD = path.join(root, process.env.REACT_ADDIN_ROOT ?? "build/react");

/** Which renderer mounted the pane: React marks its root container, preact does not. */
async function renderer(wb: Workbench): Promise<"react" | "preact"> {
  await expect(wb.pane.locator("main")).toBeVisible();
  const frame = wb.page.frames().find((f) => f.url().includes("taskpane.html"));
  if (!frame) throw new Error("no task pane frame");
  const react = await frame.evaluate(() => {
    const container = document.getElementById("root");
    return container !== null && Object.keys(container).some((k) => k.startsWith("__reactContainer$"));
  });
  return react ? "react" : "preact";
}

async function addRoomMeeting(wb: Workbench): Promise<void> {
  await wb.open({ appointment: { body: "<div>Agenda</div>" } });
  await wb.configureRoom();
  await wb.add();
  const text = await wb.readBody("text");
  expect(countOf(text, START)).toBe(1);
  expect(text).toContain(ROOM.id);
  expect(text).toContain("Agenda");
}

test("the shipped build renders with preact/compat", async ({ wb }) => {
  await wb.open();
  expect(await renderer(wb)).toBe("preact");
});

/** A loopback port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

test.describe("React build", () => {
  const reactTest = test.extend<object, { reactOrigin: string }>({
    reactOrigin: [
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        if (!existsSync(path.join(REACT_BUILD, "taskpane.html")))
          throw new Error(`${REACT_BUILD} has no build: run npm run build:react first`);
        // The API's audience names the origin with its port, so the port is chosen first.
        const port = await freePort();
        const origin = `https://127.0.0.1:${port}`;
        const stack = await startDevStack({
          addinRoot: REACT_BUILD,
          workbenchRoot: path.join(root, "build/workbench"),
          certs: devCerts(),
          origin,
        });
        await stack.app.listen({ port, host: "127.0.0.1" });
        await use(origin);
        await stack.close();
      },
      { scope: "worker" },
    ],
    baseURL: async ({ reactOrigin }, use) => use(reactOrigin),
  });

  reactTest("set up, add a meeting: the same pane on React", async ({ wb }) => {
    await addRoomMeeting(wb);
    expect(await renderer(wb)).toBe("react");
  });
});
