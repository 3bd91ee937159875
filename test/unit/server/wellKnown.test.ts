/** The allow-list classic Outlook on Windows reads before it runs the event script. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../../src/server/app";

const root = mkdtempSync(join(tmpdir(), "bjn-static-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PATH = "/.well-known/microsoft-officeaddins-allowed.json";

test("lists the event script on the configured add-in origin", async () => {
  const app = await buildApp({ staticRoot: root, addinOrigin: "https://addins.example.com/bluejeans" });
  const response = await app.inject({ method: "GET", url: PATH });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  expect(response.json()).toEqual({ allowed: ["https://addins.example.com/bluejeans/events.js"] });
  await app.close();
});

test("without a configured origin, lists the script on the origin it was asked on", async () => {
  const app = await buildApp({ staticRoot: root });
  const response = await app.inject({ method: "GET", url: PATH, headers: { host: "localhost:3000" } });
  expect(response.json()).toEqual({ allowed: ["http://localhost:3000/events.js"] });
  await app.close();
});
