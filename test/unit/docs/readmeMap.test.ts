/**
 * README's "How it is built" table is the map of the tree: every folder directly under `src/`,
 * `src/shared/`, `src/addin/`, `src/server/` and `dev/` has a row, and every folder a row names
 * exists.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const MAPPED_PARENTS = ["src", "src/shared", "src/addin", "src/server", "dev"];

/** The folders (`a/b/`) named in the first column of the table under the given heading. */
function foldersInMap(readme: string, heading = "## How it is built"): string[] {
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README has no "${heading}" section`);
  const section = readme.slice(at + heading.length + 2).split(/\n## /)[0] ?? "";
  const rows = section.split("\n").filter((line) => line.startsWith("|"));
  if (rows.length < 3) throw new Error(`no table under "${heading}"`);
  // Header, separator, then one row per entry; folders are the backticked names ending in "/".
  return rows.slice(2).flatMap((row) => {
    const first = row.split("|")[1] ?? "";
    return [...first.matchAll(/`([^`]+\/)`/g)].map((m) => m[1]!);
  });
}

function foldersUnder(parent: string): string[] {
  return readdirSync(path.join(ROOT, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => `${parent}/${entry.name}/`);
}

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const mapped = new Set(foldersInMap(readme));

describe("README's map of the tree", () => {
  const expected = MAPPED_PARENTS.flatMap(foldersUnder);

  test.each(expected)("%s has a row", (folder) => {
    expect(mapped).toContain(folder);
  });

  test.each([...mapped])("%s exists", (folder) => {
    expect(statSync(path.join(ROOT, folder), { throwIfNoEntry: false })?.isDirectory()).toBe(true);
  });

  test("the table is read: a folder missing from it is noticed", () => {
    const withoutIdp = readme.replace(/^\| `dev\/idp\/`.*\n/m, "");
    expect(withoutIdp).not.toBe(readme);
    expect(foldersInMap(withoutIdp)).not.toContain("dev/idp/");
    expect(foldersInMap(readme)).toContain("dev/idp/");
  });

  test("a row names each folder of a cell with several", () => {
    const table = "\n## How it is built\n\n| folder | x |\n| --- | --- |\n| `a/`, `b/c/` | y |\n";
    expect(foldersInMap(table)).toEqual(["a/", "b/c/"]);
  });
});
