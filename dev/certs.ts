/** Local https certificates from office-addin-dev-certs, created on first use. */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

const CERT_DIR = path.join(homedir(), ".office-addin-dev-certs");

export interface DevCerts {
  key: Buffer;
  cert: Buffer;
  ca: Buffer;
}

export function devCerts(): DevCerts {
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  const paths = Object.values(files).map((f) => path.join(CERT_DIR, f));
  if (!paths.every((p) => existsSync(p))) {
    // The tool also tries to trust its CA with sudo; where that fails it still writes the files.
    try {
      execFileSync(process.execPath, [require.resolve("office-addin-dev-certs/cli.js"), "install"], {
        stdio: "ignore",
        timeout: 120_000,
      });
    } catch {
      // Checked below: what matters is whether the files are there.
    }
  }
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(
      `Could not create development certificates (${missing.join(", ")}). Run: npx office-addin-dev-certs install`,
    );
  }
  return {
    key: readFileSync(path.join(CERT_DIR, files.key)),
    cert: readFileSync(path.join(CERT_DIR, files.cert)),
    ca: readFileSync(path.join(CERT_DIR, files.ca)),
  };
}
