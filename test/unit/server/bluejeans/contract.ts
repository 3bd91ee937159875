/**
 * Checks HTTP exchanges against BlueJeans' published Swagger 2.0 contract, read at run time from
 * ../shared/bluejeans-api/swagger.yaml (never copied into the project).
 *
 * Requests: method and path template, path parameter types, required query parameters present
 * and no undeclared ones, the bearer token where the operation is secured, the JSON body against
 * the body parameter's schema (for a create, also the full Meeting), and no body property the
 * contract does not know (a typo such as
 * `muteOnEntry` would otherwise pass, since the schemas allow extra properties).
 * Responses: the status is declared (a 2xx explicitly, an error at least by `default`) and the
 * body matches its schema.
 *
 * Swagger 2.0 schemas are JSON Schema draft 4 with a few differences, adapted here: `x-` keys,
 * `example`, `readOnly`, `discriminator`, `xml` and `externalDocs` are dropped, `type: file`
 * accepts anything, draft 3 style `required: true` on a property becomes the parent's `required`
 * list, `$ref` siblings (ignored by draft 4 anyway) are dropped, and a schema with `properties`
 * but no `type` is an object schema (as Swagger tools read it).
 */
import fs from "node:fs";
import path from "node:path";
import type AjvCore from "ajv/dist/core";
import Ajv04, { type ErrorObject, type ValidateFunction } from "ajv-draft-04";
import addFormats from "ajv-formats";
import YAML from "yaml";

type Json = Record<string, unknown>;

export interface CapturedRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: string;
}

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "body" | "formData";
  required?: boolean;
  type?: string;
  format?: string;
  enum?: unknown[];
  schema?: Json;
}

interface Operation {
  key: string;
  operationId?: string;
  method: string;
  template: string;
  pattern: RegExp;
  pathParams: string[];
  literalSegments: number;
  parameters: Parameter[];
  responses: Record<string, Json>;
  secured: boolean;
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const DROPPED_KEYS = new Set([
  "example",
  "readOnly",
  "discriminator",
  "xml",
  "externalDocs",
  "responseSchema",
]);
const SCHEMA_ID = "swagger.json";
/**
 * Where the contract calls its body schema "a typical minimum set", the body must also be valid
 * as the full object it documents elsewhere, whose properties count as known.
 */
const ALSO_KNOWN: Record<string, string[]> = { createMeeting: ["Meeting"] };

/** ../shared/bluejeans-api/swagger.yaml from the repository root, found by walking up to package.json. */
export function swaggerPath(): string {
  if (process.env.BLUEJEANS_SWAGGER) return path.resolve(process.env.BLUEJEANS_SWAGGER);
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  const file = path.resolve(dir, "../shared/bluejeans-api/swagger.yaml");
  if (!fs.existsSync(file)) {
    throw new Error(`BlueJeans contract not found at ${file} (set BLUEJEANS_SWAGGER to its path)`);
  }
  return file;
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rewriteRef(ref: string): string {
  return ref.startsWith("#/") ? `${SCHEMA_ID}${ref}` : ref;
}

/** A Swagger 2.0 schema as a draft-04 JSON Schema. */
export function adaptSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adaptSchema);
  if (!isRecord(node)) return node;
  if (typeof node.$ref === "string") return { $ref: rewriteRef(node.$ref) };
  const out: Json = {};
  const lifted: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || DROPPED_KEYS.has(key)) continue;
    if (key === "type" && value === "file") continue;
    if (key === "required" && typeof value === "boolean") continue;
    if ((key === "properties" || key === "definitions" || key === "patternProperties") && isRecord(value)) {
      const mapped: Json = {};
      for (const [name, child] of Object.entries(value)) {
        mapped[name] = adaptSchema(child);
        if (key === "properties" && isRecord(child) && child.required === true) lifted.push(name);
      }
      out[key] = mapped;
      continue;
    }
    out[key] = adaptSchema(value);
  }
  // Swagger tools read a schema with properties as an object schema; draft 4 alone would not.
  if (isRecord(out.properties) && out.type === undefined) out.type = "object";
  if (lifted.length > 0) {
    const existing = Array.isArray(out.required) ? (out.required as string[]) : [];
    out.required = [...new Set([...existing, ...lifted])];
  }
  return out;
}

function formatErrors(where: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${where}${e.instancePath || ""} ${e.message ?? e.keyword}`.trim());
}

function checkSimple(value: string, param: Parameter, where: string): string[] {
  const problems: string[] = [];
  if (param.type === "integer" && !/^-?\d+$/.test(value))
    problems.push(`${where} must be an integer, got "${value}"`);
  if (param.type === "number" && Number.isNaN(Number(value))) problems.push(`${where} must be a number`);
  if (param.type === "boolean" && value !== "true" && value !== "false") {
    problems.push(`${where} must be true or false, got "${value}"`);
  }
  if (param.enum && !param.enum.map(String).includes(value)) {
    problems.push(`${where} must be one of ${param.enum.join(", ")}`);
  }
  return problems;
}

export class Contract {
  readonly doc: Json;
  private readonly ajv: AjvCore;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: Json) {
    this.doc = doc;
    const ajv = new Ajv04({ allErrors: true, strict: true });
    addFormats(ajv as unknown as Parameters<typeof addFormats>[0]);
    this.ajv = ajv;
    const definitions = isRecord(doc.definitions) ? doc.definitions : {};
    ajv.addSchema({ id: SCHEMA_ID, definitions: adaptSchema(definitions) }, SCHEMA_ID);
    this.indexOperations();
  }

  static load(file = swaggerPath()): Contract {
    return new Contract(YAML.parse(fs.readFileSync(file, "utf8")) as Json);
  }

  /** Every definition compiles under draft-04 once adapted. */
  compileAllDefinitions(): string[] {
    const definitions = isRecord(this.doc.definitions) ? this.doc.definitions : {};
    const failures: string[] = [];
    for (const name of Object.keys(definitions)) {
      try {
        this.validator(`#/definitions/${name}`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return failures;
  }

  operationCount(): number {
    return this.operations.length;
  }

  private resolveParameter(raw: unknown): Parameter | undefined {
    if (!isRecord(raw)) return undefined;
    if (typeof raw.$ref === "string") return this.resolveParameter(this.pointer(raw.$ref));
    return raw as unknown as Parameter;
  }

  private pointer(ref: string): unknown {
    if (!ref.startsWith("#/")) throw new Error(`External $ref not supported: ${ref}`);
    let node: unknown = this.doc;
    for (const part of ref.slice(2).split("/")) {
      node = isRecord(node) ? node[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    }
    return node;
  }

  private indexOperations(): void {
    const paths = isRecord(this.doc.paths) ? this.doc.paths : {};
    const globalSecurity = Array.isArray(this.doc.security) ? this.doc.security : [];
    for (const [rawPath, item] of Object.entries(paths)) {
      if (!isRecord(item)) continue;
      const template = rawPath.split("#")[0] ?? rawPath;
      const pathParams: string[] = [];
      const pattern = new RegExp(
        "^" +
          template
            .split("/")
            .map((segment) =>
              segment.replace(
                /\{([^}]+)\}|([^{]+)/g,
                (_m, name: string | undefined, literal: string | undefined) => {
                  if (name) {
                    pathParams.push(name);
                    return "([^/]+)";
                  }
                  return (literal ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
                },
              ),
            )
            .join("/") +
          "/?$",
      );
      const literalSegments = template.split("/").filter((s) => s && !s.includes("{")).length;
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      for (const method of METHODS) {
        const op = item[method];
        if (!isRecord(op)) continue;
        const own = Array.isArray(op.parameters) ? op.parameters : [];
        const byKey = new Map<string, Parameter>();
        for (const raw of [...shared, ...own]) {
          const param = this.resolveParameter(raw);
          if (param) byKey.set(`${param.in}:${param.name}`, param);
        }
        const security = Array.isArray(op.security) ? op.security : globalSecurity;
        this.operations.push({
          key: `${method.toUpperCase()} ${rawPath}`,
          operationId: typeof op.operationId === "string" ? op.operationId : undefined,
          method: method.toUpperCase(),
          template,
          pattern,
          pathParams: [...pathParams],
          literalSegments,
          parameters: [...byKey.values()],
          responses: isRecord(op.responses) ? (op.responses as Record<string, Json>) : {},
          secured: security.some((entry) => isRecord(entry) && Object.keys(entry).length > 0),
        });
      }
    }
  }

  /** The operations a request could be; the most specific templates only. */
  candidates(method: string, pathname: string): Operation[] {
    const matching = this.operations.filter(
      (op) => op.method === method.toUpperCase() && op.pattern.test(pathname),
    );
    const best = Math.max(...matching.map((op) => op.literalSegments));
    return matching.filter((op) => op.literalSegments === best);
  }

  private validator(ref: string, schema?: unknown): ValidateFunction {
    const key = ref;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      const source = schema === undefined ? { $ref: rewriteRef(ref) } : adaptSchema(schema);
      compiled = this.ajv.compile(source as Json);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private resolveSchema(schema: unknown, depth = 0): Json | undefined {
    if (!isRecord(schema) || depth > 20) return undefined;
    if (typeof schema.$ref === "string") return this.resolveSchema(this.pointer(schema.$ref), depth + 1);
    return schema;
  }

  /** Body properties no schema in `schemas` declares. Free-form objects accept anything. */
  unknownProperties(value: unknown, schemas: unknown[], at: string): string[] {
    const resolved = schemas
      .map((schema) => this.resolveSchema(schema))
      .filter((schema): schema is Json => schema !== undefined)
      .flatMap((schema) => [
        schema,
        ...(Array.isArray(schema.allOf)
          ? schema.allOf.map((s) => this.resolveSchema(s)).filter((s): s is Json => s !== undefined)
          : []),
      ]);
    if (Array.isArray(value)) {
      const items = resolved.map((schema) => schema.items).filter((items) => items !== undefined);
      return items.length === 0
        ? []
        : value.flatMap((item, i) => this.unknownProperties(item, items, `${at}/${i}`));
    }
    if (!isRecord(value)) return [];
    const withProperties = resolved.filter((schema) => isRecord(schema.properties));
    if (withProperties.length === 0 || resolved.some((schema) => isRecord(schema.additionalProperties)))
      return [];
    const problems: string[] = [];
    for (const [name, child] of Object.entries(value)) {
      const childSchemas = withProperties
        .map((schema) => (schema.properties as Json)[name])
        .filter((schema) => schema !== undefined);
      if (childSchemas.length === 0) problems.push(`${at}/${name} is not a property the contract knows`);
      else problems.push(...this.unknownProperties(child, childSchemas, `${at}/${name}`));
    }
    return problems;
  }

  private checkRequest(op: Operation, request: CapturedRequest, url: URL): string[] {
    const problems: string[] = [];
    const match = op.pattern.exec(url.pathname);
    op.pathParams.forEach((name, index) => {
      const raw = decodeURIComponent(match?.[index + 1] ?? "");
      const param = op.parameters.find((p) => p.in === "path" && p.name === name);
      if (!param) problems.push(`path parameter ${name} is not declared`);
      else problems.push(...checkSimple(raw, param, `path parameter ${name}`));
    });

    const declaredQuery = op.parameters.filter((p) => p.in === "query");
    for (const param of declaredQuery) {
      const values = url.searchParams.getAll(param.name);
      if (values.length === 0) {
        if (param.required) problems.push(`missing required query parameter ${param.name}`);
        continue;
      }
      for (const value of values)
        problems.push(...checkSimple(value, param, `query parameter ${param.name}`));
    }
    for (const name of new Set(url.searchParams.keys())) {
      if (!declaredQuery.some((p) => p.name === name))
        problems.push(`query parameter ${name} is not declared`);
    }

    for (const param of op.parameters.filter((p) => p.in === "header")) {
      if (param.required && request.headers[param.name.toLowerCase()] === undefined) {
        problems.push(`missing required header ${param.name}`);
      }
    }
    if (op.secured && !/^Bearer \S+$/.test(request.headers.authorization ?? "")) {
      problems.push("missing Authorization: Bearer token");
    }

    const bodyParam = op.parameters.find((p) => p.in === "body");
    if (!bodyParam) {
      if (request.body !== undefined && request.body !== "")
        problems.push("sends a body the operation does not take");
      return problems;
    }
    if (request.body === undefined || request.body === "") {
      if (bodyParam.required) problems.push(`missing required body ${bodyParam.name}`);
      return problems;
    }
    if (!/^application\/json\b/.test(request.headers["content-type"] ?? "")) {
      problems.push("body is not sent as application/json");
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return [...problems, "body is not JSON"];
    }
    const validate = this.validator(`${op.key} body`, bodyParam.schema ?? {});
    if (!validate(body)) problems.push(...formatErrors("body", validate.errors));
    const also = ALSO_KNOWN[op.operationId ?? ""] ?? [];
    for (const name of also) {
      const validateAlso = this.validator(`#/definitions/${name}`);
      if (!validateAlso(body)) problems.push(...formatErrors("body", validateAlso.errors));
    }
    const known = [bodyParam.schema, ...also.map((name) => ({ $ref: `#/definitions/${name}` }))];
    problems.push(...this.unknownProperties(body, known, "body"));
    return [...new Set(problems)];
  }

  /** Problems with a request; empty when the contract allows it. */
  validateRequest(request: CapturedRequest): string[] {
    const url = new URL(request.url);
    const ops = this.candidates(request.method, url.pathname);
    if (ops.length === 0) return [`no operation ${request.method} ${url.pathname} in the contract`];
    const results = ops.map((op) => ({ op, problems: this.checkRequest(op, request, url) }));
    const passing = results.find((result) => result.problems.length === 0);
    if (passing) return [];
    return results.flatMap(({ op, problems }) =>
      problems.map((p) => (ops.length > 1 ? `${op.key}: ${p}` : p)),
    );
  }

  private checkResponse(op: Operation, response: CapturedResponse, strictProperties: boolean): string[] {
    const declared = op.responses[String(response.status)];
    const success = response.status >= 200 && response.status < 300;
    const spec = declared ?? (success ? undefined : op.responses.default);
    if (!spec) {
      return [
        `status ${response.status} is not declared (declared: ${Object.keys(op.responses).join(", ")})`,
      ];
    }
    if (spec.schema === undefined) return [];
    if (!/^application\/json\b/.test(response.headers["content-type"] ?? "")) {
      return [`content-type ${response.headers["content-type"] ?? "(none)"} is not JSON`];
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return ["body is not JSON"];
    }
    const validate = this.validator(`${op.key} ${response.status}`, spec.schema);
    const problems = validate(body) ? [] : formatErrors("body", validate.errors);
    if (strictProperties) problems.push(...this.unknownProperties(body, [spec.schema], "body"));
    return problems;
  }

  /** Problems with a response to `request`; empty when the contract allows it. */
  validateResponse(request: CapturedRequest, response: CapturedResponse, strictProperties = true): string[] {
    const url = new URL(request.url);
    const ops = this.candidates(request.method, url.pathname);
    if (ops.length === 0) return [`no operation ${request.method} ${url.pathname} in the contract`];
    // The token operations share a path; the request's grant picks the one the answer belongs to.
    const fitting = ops.filter((op) => this.checkRequest(op, request, url).length === 0);
    const chosen = fitting.length > 0 ? fitting : ops;
    const results = chosen.map((op) => ({
      op,
      problems: this.checkResponse(op, response, strictProperties),
    }));
    if (results.some((result) => result.problems.length === 0)) return [];
    return results.flatMap(({ op, problems }) =>
      problems.map((p) => (chosen.length > 1 ? `${op.key}: ${p}` : p)),
    );
  }
}
