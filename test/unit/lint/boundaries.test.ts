/**
 * The runtime boundaries in eslint.config.mjs bite: a snippet that breaks a rule, linted as if it
 * were a file in the guarded folder, fails with that rule's message; a clean snippet passes.
 *
 * ESLint loads its flat config with a native import(), which Jest's module system cannot do, so the
 * snippets are linted by a child Node process with ESLint's own Node API (lintText with a filePath).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");

interface Snippet {
  filePath: string;
  code: string;
}
interface Finding {
  ruleId: string | null;
  message: string;
  severity: number;
}

const BOUNDARY_RULES = new Set([
  "no-restricted-imports",
  "no-restricted-syntax",
  "no-restricted-globals",
  "boundaries/no-restricted-paths",
]);

const RUNNER = `
import { ESLint } from "eslint";
const snippets = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text));
}));
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  out.push(result.messages.map(({ ruleId, message, severity }) => ({ ruleId, message, severity })));
}
process.stdout.write(JSON.stringify(out));
`;

function lintAll(snippets: Snippet[]): Finding[][] {
  const stdout = execFileSync(process.execPath, ["--input-type=module", "-e", RUNNER], {
    cwd: ROOT,
    input: JSON.stringify(snippets.map((s) => ({ ...s, filePath: path.join(ROOT, s.filePath) }))),
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Finding[][];
}

const SHARED = "src/shared/meeting/__lint_fixture__.ts";
const ADDIN = "src/addin/appointment/__lint_fixture__.ts";
const HOST = "src/addin/host/__lint_fixture__.ts";
const COMMAND = "src/addin/pages/commands/__lint_fixture__.ts";
const EVENTS = "src/addin/events/__lint_fixture__.ts";
const PANE = "src/addin/pages/taskpane/__lint_fixture__.tsx";
const SERVER = "src/server/__lint_fixture__.ts";
const SERVER_DEEP = "src/server/bluejeans/__lint_fixture__.ts";

const OFFICE = /only src\/addin\/host touches Office/;
const CORE_GLOBAL = /the core touches nothing but its inputs/;
const REACT = /React belongs to the task pane only/;
const FLUENT = /Fluent UI belongs to the task pane only/;
const NODE = /Node built-ins are not available/;
const FASTIFY = /Fastify belongs to src\/server only/;
const SERVER_CODE = /cannot reach src\/server/;
const ADDIN_CODE = /src\/addin runs in Outlook/;
const DEV = /cannot import dev\/, test\/ or tools\//;
const MSAL = /MSAL runs in the browser/;
const OFFICE_PACKAGE = /Office is reached through src\/addin\/host only/;
const NETWORK = /the core does no network/;

/** [name, file, code, the message expected] */
const violations: Array<[string, string, string, RegExp]> = [
  // The core: no React, Fluent, Office, DOM, network or Node.
  ["core imports React", SHARED, `import { useState } from "react";\nexport const f = useState;`, REACT],
  ["core imports react-dom", SHARED, `export { createRoot } from "react-dom/client";`, REACT],
  [
    "core imports Fluent",
    SHARED,
    `import { Button } from "@fluentui/react-components";\nexport { Button };`,
    FLUENT,
  ],
  ["core loads React lazily", SHARED, `export const load = () => import("react");`, REACT],
  ["core touches Office", SHARED, `export const item = () => Office.context.mailbox.item;`, OFFICE],
  [
    "core imports an Office package",
    SHARED,
    `import { OfficeMockObject } from "office-addin-mock";\nexport { OfficeMockObject };`,
    OFFICE_PACKAGE,
  ],
  ["core reads document", SHARED, `export const title = () => document.title;`, CORE_GLOBAL],
  ["core reads window", SHARED, `export const w = () => window.innerWidth;`, CORE_GLOBAL],
  ["core fetches", SHARED, `export const get = () => fetch("https://example.com");`, CORE_GLOBAL],
  ["core reads localStorage", SHARED, `export const get = () => localStorage.getItem("k");`, CORE_GLOBAL],
  ["core uses XMLHttpRequest", SHARED, `export const x = () => new XMLHttpRequest();`, CORE_GLOBAL],
  ["core reads process", SHARED, `export const env = () => process.env.HOME;`, CORE_GLOBAL],
  ["core imports a network client", SHARED, `import axios from "axios";\nexport { axios };`, NETWORK],
  ["core imports node:fs", SHARED, `import { readFileSync } from "node:fs";\nexport { readFileSync };`, NODE],
  ["core imports path", SHARED, `import path from "path";\nexport { path };`, NODE],
  ["core imports Fastify", SHARED, `import Fastify from "fastify";\nexport { Fastify };`, FASTIFY],
  [
    "core imports src/addin",
    SHARED,
    `export { createFlow } from "../../addin/appointment/meetingFlow";`,
    ADDIN_CODE,
  ],
  ["core imports src/server", SHARED, `export { loadConfig } from "../../server/config";`, SERVER_CODE],
  // Office only in the host adapter.
  [
    "add-in code touches Office.context",
    ADDIN,
    `export const item = () => Office.context.mailbox.item;`,
    OFFICE,
  ],
  ["add-in code reads Office through globalThis", ADDIN, `export const o = () => globalThis.Office;`, OFFICE],
  ["add-in code reads Office by index", ADDIN, `export const o = () => window["Office"];`, OFFICE],
  ["add-in code tests for Office", ADDIN, `export const here = () => typeof Office !== "undefined";`, OFFICE],
  ["add-in code passes Office on", ADDIN, `declare function use(o: unknown): void;\nuse(Office);`, OFFICE],
  [
    "a command calls another Office.actions member",
    COMMAND,
    `Office.actions.replace("x", () => {});`,
    OFFICE,
  ],
  ["a command keeps Office.actions", COMMAND, `export const actions = Office.actions;`, OFFICE],
  ["the server touches Office", SERVER, `export const o = () => Office.context;`, OFFICE],
  // The command and the event handlers: no React or Fluent.
  [
    "the command imports React",
    COMMAND,
    `import { createElement } from "react";\nexport { createElement };`,
    REACT,
  ],
  [
    "the command imports Fluent",
    COMMAND,
    `import { Button } from "@fluentui/react-components";\nexport { Button };`,
    FLUENT,
  ],
  [
    "the command loads Fluent lazily",
    COMMAND,
    `export const f = () => import("@fluentui/react-components");`,
    FLUENT,
  ],
  [
    "an event handler imports React",
    EVENTS,
    `import { createElement } from "react";\nexport { createElement };`,
    REACT,
  ],
  ["an event handler imports Fluent", EVENTS, `export * from "@fluentui/react-components";`, FLUENT],
  // Nothing in src/ imports dev/, test/ or tools/.
  ["add-in code imports dev/", ADDIN, `export { createWorkbench } from "../../../dev/workbench/host";`, DEV],
  ["the core imports test/", SHARED, `export * from "../../../test/unit/shared/meeting/helpers";`, DEV],
  ["the server imports tools/", SERVER, `export * from "../../tools/manifest/validate";`, DEV],
  [
    "the server loads dev/ lazily",
    SERVER_DEEP,
    `export const e = () => import("../../../dev/emulator/main");`,
    DEV,
  ],
  // Browser code: no node:, Fastify or src/server.
  [
    "add-in code imports node:fs",
    ADDIN,
    `import { readFileSync } from "node:fs";\nexport { readFileSync };`,
    NODE,
  ],
  ["the host imports crypto", HOST, `import { randomUUID } from "crypto";\nexport { randomUUID };`, NODE],
  ["the pane imports Fastify", PANE, `import Fastify from "fastify";\nexport { Fastify };`, FASTIFY],
  ["the pane imports @fastify/static", PANE, `export { default } from "@fastify/static";`, FASTIFY],
  [
    "add-in code imports src/server",
    ADDIN,
    `import { loadConfig } from "../../server/config";\nexport { loadConfig };`,
    SERVER_CODE,
  ],
  // Paths count by where they lead, not how they are written.
  [
    "add-in code reaches src/server through ./..",
    ADDIN,
    `export { loadConfig } from "./../../server/config";`,
    SERVER_CODE,
  ],
  [
    "add-in code reaches src/server through the project root",
    ADDIN,
    `export { loadConfig } from "../../../src/server/config";`,
    SERVER_CODE,
  ],
  [
    "add-in code reaches src/server through a detour",
    ADDIN,
    `export { loadConfig } from "../../shared/../server/./config";`,
    SERVER_CODE,
  ],
  [
    "the core reaches src/addin through ./..",
    SHARED,
    `export { createFlow } from "./../../addin/appointment/meetingFlow";`,
    ADDIN_CODE,
  ],
  [
    "the core reaches src/addin through the project root",
    SHARED,
    `export { createFlow } from "../../../src/addin/appointment/meetingFlow";`,
    ADDIN_CODE,
  ],
  [
    "the core loads src/server lazily through the project root",
    SHARED,
    `export const s = () => import("../../../src/server/app");`,
    SERVER_CODE,
  ],
  ["the server reaches dev/ through ./..", SERVER, `export * from "./../../dev/emulator/main";`, DEV],
  [
    "the command loads src/server lazily",
    COMMAND,
    `export const s = () => import("../../../server/app");`,
    SERVER_CODE,
  ],
  // Server code: no React, Fluent, MSAL-browser, Office or src/addin.
  [
    "the server imports React",
    SERVER,
    `import { createElement } from "react";\nexport { createElement };`,
    REACT,
  ],
  [
    "the server imports Fluent",
    SERVER,
    `import { Button } from "@fluentui/react-components";\nexport { Button };`,
    FLUENT,
  ],
  [
    "the server imports MSAL-browser",
    SERVER,
    `import { PublicClientApplication } from "@azure/msal-browser";\nexport { PublicClientApplication };`,
    MSAL,
  ],
  [
    "the server imports src/addin",
    SERVER_DEEP,
    `export { createFlow } from "../../addin/appointment/meetingFlow";`,
    ADDIN_CODE,
  ],
];

/** [name, file, code] that must lint clean. */
const clean: Array<[string, string, string]> = [
  [
    "the core imports itself and uses URL",
    SHARED,
    `import { escapeHtml } from "./escape";\nexport const f = (s: string) => escapeHtml(new URL(s).host);`,
  ],
  [
    "add-in code reaches the core through the project root; a folder named server inside it is not src/server",
    ADDIN,
    `export * from "../../../src/shared/meeting";\nexport * from "./server/names";`,
  ],
  [
    "the core names Office in a comment and a property",
    SHARED,
    `// Office rewrites HTML.\nexport const note = { Office: "rewrites HTML" };`,
  ],
  ["the host touches Office", HOST, `export const item = () => Office.context.mailbox.item;`],
  [
    "an entry file calls Office.onReady and Office.actions.associate",
    COMMAND,
    `Office.onReady(() => Office.actions.associate("add", () => {}));`,
  ],
  [
    "add-in code uses Office's types",
    ADDIN,
    `export type R = Office.AsyncResult<string>;\nexport type O = typeof Office;`,
  ],
  [
    "the pane uses React and Fluent",
    PANE,
    `import { useState } from "react";\nimport { Button } from "@fluentui/react-components";\nexport const x = [useState, Button];`,
  ],
  [
    "the command imports the core and the host",
    COMMAND,
    `export { renderJoinBlock } from "../../../shared/meeting";\nexport { createOfficeAdapter } from "../../host/officeAdapter";`,
  ],
  [
    "the server uses Node and Fastify and the core",
    SERVER_DEEP,
    `import { readFileSync } from "node:fs";\nimport Fastify from "fastify";\nexport { renderJoinBlock } from "../../shared/meeting";\nexport const x = [readFileSync, Fastify];`,
  ],
];

describe("lint boundaries by runtime", () => {
  const snippets: Snippet[] = [
    ...violations.map(([, filePath, code]) => ({ filePath, code })),
    ...clean.map(([, filePath, code]) => ({ filePath, code })),
  ];
  let results: Finding[][] = [];

  beforeAll(() => {
    results = lintAll(snippets);
  }, 60_000);

  it.each(violations.map((v, i) => [v[0], i, v[3]] as const))(
    "%s fails the lint",
    (_name, index, expected) => {
      const errors = results[index]!.filter((m) => m.severity === 2 && BOUNDARY_RULES.has(m.ruleId ?? ""));
      expect(errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    },
  );

  it.each(clean.map((c, i) => [c[0], violations.length + i] as const))("%s passes", (_name, index) => {
    expect(results[index]!.filter((m) => m.severity === 2)).toEqual([]);
  });
});
