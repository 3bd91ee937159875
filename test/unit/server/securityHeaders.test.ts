/**
 * Helmet's headers are worked out once at start; every answer (a page, the API, a 404) still
 * carries all of them, and no X-Frame-Options (frame-ancestors names who may frame the pages).
 */
import path from "node:path";
import { buildApp } from "../../../src/server/app";

const EXPECTED = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "cross-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "no-referrer",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
};

test("every answer carries the security headers", async () => {
  const app = await buildApp({
    staticRoot: path.resolve(__dirname, "../../../dev/emulator"),
    connectOrigins: ["https://login.example"],
  });
  for (const url of ["/README.md", "/health", "/nothing-here"]) {
    const response = await app.inject({ url });
    expect(response.headers).toMatchObject(EXPECTED);
    expect(response.headers["x-frame-options"]).toBeUndefined();
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("connect-src 'self' https://login.example");
    expect(csp).toContain("frame-ancestors 'self' https://outlook.office.com");
  }
  await app.close();
});
