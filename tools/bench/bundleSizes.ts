/** Sizes of the JavaScript a page loads first, read from the built HTML (office.js excluded). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface Size {
  raw: number;
  gzip: number;
  files: string[];
}

/** Scripts the page itself references; chunks loaded later with import() are not counted. */
export function initialScripts(distDir: string, page: string): string[] {
  const html = readFileSync(path.join(distDir, page), "utf8");
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)]
    .map((m) => m[1]!)
    .filter((src) => !/^https?:/.test(src))
    .map((src) => src.replace(/^\/+/, "").replace(/^.*?\/(?=[^/]+$)/, ""));
}

export function sizeOf(distDir: string, files: string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = readFileSync(path.join(distDir, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
  }
  return { raw, gzip, files };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
