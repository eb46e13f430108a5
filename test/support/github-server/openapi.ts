/**
 * GitHub's published OpenAPI description (from `@octokit/openapi`), used by the test server to
 * route requests and to check every request against the documented contract.
 *
 * The dereferenced description (~73 MB) is parsed once per process and shared by every server
 * in it; validators are compiled lazily, per operation, on first use, and cached.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/** A JSON Schema object as found in the OpenAPI description (OpenAPI 3.0 dialect). */
export type JsonSchema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: JsonSchema;
}

interface OpenApiMedia {
  schema?: JsonSchema;
}

/** One operation of the description (the fields the server reads). */
export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  externalDocs?: { url: string };
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMedia> };
  responses: Record<string, { content?: Record<string, OpenApiMedia> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  'x-webhooks'?: Record<string, Record<string, OpenApiOperation>>;
}

/** The file of `@octokit/openapi` that describes api.github.com, already dereferenced. */
export const DEFAULT_OPENAPI_FILE = 'generated/api.github.com.deref.json';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Path parameters that may hold slashes. Octokit percent-encodes them (`src%2Fa.ts`), but a hand
 * written URL (curl, `fetch`) may not, and GitHub accepts both; only the LAST segment of a
 * template may swallow several segments, and only when no template matches segment by segment.
 */
const SLASHY_PARAMS = new Set(['path', 'ref']);

interface CompiledTemplate {
  template: string;
  segments: { value: string; param: boolean }[];
  /** Static-ness per position, used to prefer `/pulls/comments` over `/pulls/{pull_number}`. */
  rank: string;
  methods: Record<string, OpenApiOperation>;
}

/** The outcome of looking a request up in the description. */
export type RouteLookup =
  | { kind: 'operation'; template: string; method: string; operation: OpenApiOperation; params: Record<string, string> }
  | { kind: 'method-not-documented'; template: string; methods: string[] }
  | { kind: 'unknown-path' };

/** A request as the validator sees it. */
export interface RequestToCheck {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  hasBody: boolean;
  contentType: string | undefined;
}

/** One way a request departs from the description, and which part of it. */
export interface RequestProblem {
  in: 'path' | 'query' | 'body';
  message: string;
  /**
   * GitHub's own wording of the problem, where known (its 422 reads `Invalid request.\n\n` and
   * this): `Only 65535 characters are allowed; 65536 were supplied.`, `No more than 50 items are
   * allowed; 51 were supplied.`, `"body" wasn't supplied.`
   */
  github?: string;
}

interface OperationValidators {
  params: ValidateFunction | null;
  query: ValidateFunction | null;
  queryNames: Set<string>;
  arrayQueryNames: Set<string>;
  body: ValidateFunction | null;
  bodyRequired: boolean;
  bodyMediaTypes: string[];
  responses: Map<string, ValidateFunction | null>;
}

/**
 * The OpenAPI description, indexed for routing, with lazily compiled ajv validators.
 * Build one with {@link loadOpenApi}; it is immutable after loading and safe to share.
 */
export class OpenApiIndex {
  readonly #byFirstSegment = new Map<string, CompiledTemplate[]>();
  readonly #validators = new Map<OpenApiOperation, OperationValidators>();
  /** Plain validation: bodies must match as sent. */
  readonly #ajv: Ajv;
  /** Responses: without `verbose`, which doubles the compile time of the large schemas. */
  readonly #ajvResponse: Ajv;
  /** Path and query values arrive as strings: coerce them to the documented types first. */
  readonly #ajvCoerce: Ajv;
  readonly #normalized = new WeakSet<object>();
  readonly #webhooks: Record<string, Record<string, OpenApiOperation>>;
  readonly #webhookValidators = new Map<string, ValidateFunction | null>();
  /** Problems with the description itself (a schema ajv cannot compile); not the client's fault. */
  readonly compileProblems: string[] = [];

  constructor(document: OpenApiDocument) {
    this.#webhooks = document['x-webhooks'] ?? {};
    for (const [template, item] of Object.entries(document.paths)) {
      const methods: Record<string, OpenApiOperation> = {};
      for (const [method, operation] of Object.entries(item)) {
        if (HTTP_METHODS.has(method)) methods[method.toUpperCase()] = operation;
      }
      const segments = template
        .split('/')
        .slice(1)
        .map((value) => {
          const match = /^\{(\w+)\}$/.exec(value);
          return match ? { value: match[1] ?? value, param: true } : { value, param: false };
        });
      const compiled: CompiledTemplate = {
        template,
        segments,
        rank: segments.map((s) => (s.param ? '0' : '1')).join(''),
        methods,
      };
      const first = segments[0]?.value ?? '';
      const bucket = this.#byFirstSegment.get(first) ?? [];
      bucket.push(compiled);
      this.#byFirstSegment.set(first, bucket);
    }
    for (const bucket of this.#byFirstSegment.values()) {
      // Most specific first: a static segment beats a parameter at the first position they differ.
      bucket.sort((a, b) => (a.rank < b.rank ? 1 : a.rank > b.rank ? -1 : 0));
    }
    this.#ajv = makeAjv({ coerce: false, verbose: true });
    this.#ajvCoerce = makeAjv({ coerce: true, verbose: true });
    this.#ajvResponse = makeAjv({ coerce: false, verbose: false });
  }

  /**
   * Finds the documented operation for a method and a raw (still percent-encoded) pathname.
   * Parameters come back decoded.
   */
  lookup(method: string, rawPathname: string): RouteLookup {
    const parts = rawPathname.split('/').slice(1);
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // trailing slash
    const bucket = this.#byFirstSegment.get(parts[0] ?? '') ?? [];
    const exact: CompiledTemplate[] = [];
    const greedy: CompiledTemplate[] = [];
    for (const candidate of bucket) {
      const fit = matchSegments(candidate, parts);
      if (fit === 'exact') exact.push(candidate);
      else if (fit === 'greedy') greedy.push(candidate);
    }
    const matches = [...exact, ...greedy];
    if (matches.length === 0) return { kind: 'unknown-path' };
    const upper = method.toUpperCase();
    for (const candidate of matches) {
      const operation = candidate.methods[upper];
      if (!operation) continue;
      const params = extractParams(candidate, parts);
      if (!params) continue;
      return { kind: 'operation', template: candidate.template, method: upper, operation, params };
    }
    const first = matches[0] as CompiledTemplate;
    return { kind: 'method-not-documented', template: first.template, methods: Object.keys(first.methods) };
  }

  /** Checks a request against its operation; returns every problem (empty: valid). */
  checkRequest(operation: OpenApiOperation, request: RequestToCheck): RequestProblem[] {
    const v = this.#validatorsFor(operation);
    const problems: RequestProblem[] = [];
    if (v.params) {
      const params = { ...request.params };
      if (!v.params(params)) problems.push(...describeErrors('path', v.params.errors));
    }
    const query: Record<string, unknown> = {};
    for (const name of new Set(request.query.keys())) {
      if (!v.queryNames.has(name)) {
        problems.push({ in: 'query', message: `query parameter "${name}" is not documented for ${operation.operationId}` });
        continue;
      }
      const values = request.query.getAll(name);
      if (v.arrayQueryNames.has(name)) query[name] = values;
      else if (values.length > 1) problems.push({ in: 'query', message: `query parameter "${name}" given ${values.length} times` });
      else query[name] = values[0];
    }
    if (v.query && !v.query(query)) problems.push(...describeErrors('query', v.query.errors));
    if (request.hasBody) {
      const mediaType = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (v.bodyMediaTypes.length === 0) {
        problems.push({ in: 'body', message: `body given, but ${operation.operationId} takes none` });
      } else if (!v.bodyMediaTypes.includes(mediaType)) {
        problems.push({ in: 'body', message: `body content-type "${mediaType}" is not one of ${v.bodyMediaTypes.join(', ')}` });
      } else if (v.body && !v.body(request.body)) {
        problems.push(...describeErrors('body', v.body.errors));
      }
    } else if (v.bodyRequired) {
      problems.push({ in: 'body', message: `body required by ${operation.operationId}, none given` });
    }
    return problems;
  }

  /**
   * Checks a JSON response the server is about to send against the documented response schema
   * for its status; this keeps the fake honest (the client sees what GitHub would send).
   */
  checkResponse(operation: OpenApiOperation, status: number, body: unknown): string[] {
    const v = this.#validatorsFor(operation);
    const key = String(status);
    let validate = v.responses.get(key);
    if (validate === undefined) {
      const schema = operation.responses[key]?.content?.['application/json']?.schema;
      validate = schema ? this.#compile(this.#ajvResponse, schema, `${operation.operationId} response ${key}`) : null;
      v.responses.set(key, validate);
    }
    if (validate === null) return [];
    return validate(body) ? [] : describeErrors('body', validate.errors).map((p) => `response ${key} ${p.message}`);
  }

  /**
   * Checks an event payload against the documented webhook schema, e.g. `pull-request-opened`,
   * `push`, `workflow-dispatch` (the names of the description's `x-webhooks`).
   */
  checkWebhook(name: string, payload: unknown): string[] {
    let validate = this.#webhookValidators.get(name);
    if (validate === undefined) {
      const schema = this.#webhooks[name]?.post?.requestBody?.content['application/json']?.schema;
      if (!schema) throw new Error(`the OpenAPI description has no webhook "${name}"`);
      validate = this.#compile(this.#ajvResponse, schema, `webhook ${name}`);
      this.#webhookValidators.set(name, validate);
    }
    if (validate === null) return [];
    return validate(payload) ? [] : describeErrors('body', validate.errors).map((p) => p.message.replace(/^body/, 'payload'));
  }

  #validatorsFor(operation: OpenApiOperation): OperationValidators {
    const cached = this.#validators.get(operation);
    if (cached) return cached;
    const parameters = operation.parameters ?? [];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const arrayQueryNames = new Set(queryParams.filter((p) => p.schema?.type === 'array').map((p) => p.name));
    const jsonMedia = Object.keys(operation.requestBody?.content ?? {});
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    const validators: OperationValidators = {
      params: pathParams.length
        ? this.#compile(this.#ajvCoerce, objectSchema(pathParams), `${operation.operationId} path`)
        : null,
      query: queryParams.length
        ? this.#compile(this.#ajvCoerce, objectSchema(queryParams), `${operation.operationId} query`)
        : null,
      queryNames: new Set(queryParams.map((p) => p.name)),
      arrayQueryNames,
      body: bodySchema ? this.#compile(this.#ajv, bodySchema, `${operation.operationId} body`) : null,
      bodyRequired: operation.requestBody?.required === true,
      bodyMediaTypes: jsonMedia,
      responses: new Map(),
    };
    this.#validators.set(operation, validators);
    return validators;
  }

  #compile(ajv: Ajv, schema: JsonSchema, where: string): ValidateFunction | null {
    normalizeOpenApiSchema(schema, this.#normalized);
    try {
      return ajv.compile(schema);
    } catch (error) {
      this.compileProblems.push(`${where}: ${(error as Error).message}`);
      return null;
    }
  }
}

function makeAjv(options: { coerce: boolean; verbose: boolean }): Ajv {
  // strict:false because the description uses OpenAPI-only keywords (example, readOnly, x-*).
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: options.verbose,
    coerceTypes: options.coerce ? 'array' : false,
    logger: false,
  });
  // ajv-formats is CommonJS; under NodeNext its default import is the module object.
  const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
  addFormats(ajv);
  // Formats GitHub uses that ajv-formats does not define: accept any value of the right type.
  for (const name of ['uri-template', 'timestamp', 'repo.nwo']) ajv.addFormat(name, true);
  return ajv;
}

/** A parameter list as one object schema, with the "(max N)" of the prose made enforceable. */
function objectSchema(parameters: OpenApiParameter[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const p of parameters) {
    const schema: JsonSchema = { ...(p.schema ?? {}) };
    // Many per_page parameters document "(max 100)" only in prose; GitHub caps silently, which
    // hides a client bug (asking for 500 and getting 100 looks like the last page).
    const max = /\(max (\d+)\)/.exec(p.description ?? '');
    if (max && schema.type === 'integer' && schema.maximum === undefined) schema.maximum = Number(max[1]);
    if (p.name === 'per_page' || p.name === 'page') schema.minimum ??= 1;
    properties[p.name] = schema;
  }
  const required = parameters.filter((p) => p.required).map((p) => p.name);
  return { type: 'object', properties, required };
}

/**
 * Rewrites OpenAPI 3.0 idioms that ajv reads differently, in place, once per subtree:
 * `nullable` next to `enum` (the enum must then admit null) and `nullable` without `type`.
 */
function normalizeOpenApiSchema(node: unknown, seen: WeakSet<object>): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) normalizeOpenApiSchema(item, seen);
    return;
  }
  const schema = node as JsonSchema;
  if (schema.nullable === true) {
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (schema.type === undefined) {
      const rest: JsonSchema = { ...schema };
      delete rest.nullable;
      for (const key of Object.keys(schema)) delete schema[key];
      schema.anyOf = [{ type: 'null' }, rest];
    }
  }
  for (const value of Object.values(schema)) normalizeOpenApiSchema(value, seen);
}

function matchSegments(candidate: CompiledTemplate, parts: string[]): 'exact' | 'greedy' | null {
  const { segments } = candidate;
  const last = segments[segments.length - 1];
  const slashy = last?.param === true && SLASHY_PARAMS.has(last.value);
  // `GET /repos/o/r/contents` lists the root: GitHub accepts an empty `{path}`.
  if (slashy && parts.length === segments.length - 1) {
    return segments.slice(0, -1).every((s, i) => (s.param ? parts[i] !== '' : s.value === parts[i])) ? 'greedy' : null;
  }
  if (parts.length < segments.length) return null;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as CompiledTemplate['segments'][number];
    const part = parts[i] as string;
    if (segment.param ? part === '' : segment.value !== part) return null;
  }
  if (parts.length === segments.length) return 'exact';
  return slashy ? 'greedy' : null;
}

function extractParams(candidate: CompiledTemplate, parts: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  const { segments } = candidate;
  try {
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as CompiledTemplate['segments'][number];
      if (!segment.param) continue;
      const raw = i === segments.length - 1 ? parts.slice(i).join('/') : (parts[i] as string);
      params[segment.value] = decodeURIComponent(raw);
    }
  } catch {
    return null; // malformed percent-encoding: GitHub would not route it either
  }
  return params;
}

function describeErrors(where: RequestProblem['in'], errors: ErrorObject[] | null | undefined): RequestProblem[] {
  return (errors ?? []).map((e) => {
    // `query per_page`, `path pull_number`, but `body[0].status`, `body.labels[2]`.
    const segments = e.instancePath.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    const at =
      segments.length === 0
        ? where
        : where === 'body'
          ? `body${segments.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')}`
          : `${where} ${segments.join('.')}`;
    const extra =
      e.keyword === 'enum'
        ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
        : e.keyword === 'additionalProperties'
          ? ` ("${(e.params as { additionalProperty: string }).additionalProperty}")`
          : '';
    const shown = e.keyword === 'maxLength' && typeof e.data === 'string' ? `${[...e.data].length} characters` : JSON.stringify(e.data);
    const got = e.instancePath && e.data !== undefined && typeof e.data !== 'object' ? `, got ${shown}` : '';
    const problem: RequestProblem = { in: where, message: `${at} ${e.message ?? e.keyword}${extra}${got}` };
    const github = githubWording(e);
    if (github !== undefined) problem.github = github;
    return problem;
  });
}

/** GitHub's JSON-schema validator's message for the few errors whose wording is known. */
function githubWording(e: ErrorObject): string | undefined {
  const params = e.params as { limit?: number; missingProperty?: string };
  if (e.keyword === 'maxLength' && typeof e.data === 'string') {
    return `Only ${params.limit} characters are allowed; ${[...e.data].length} were supplied.`;
  }
  if (e.keyword === 'maxItems' && Array.isArray(e.data)) return `No more than ${params.limit} items are allowed; ${e.data.length} were supplied.`;
  if (e.keyword === 'required') return `"${params.missingProperty}" wasn't supplied.`;
  return undefined;
}

const cache = new Map<string, Promise<OpenApiIndex>>();

/**
 * Loads (once per process and file) the OpenAPI description shipped by `@octokit/openapi`.
 * @param file path inside the package, default {@link DEFAULT_OPENAPI_FILE}; another
 *   `generated/*.deref.json` (e.g. `generated/ghes-3.17.deref.json`) describes a GHES version.
 */
export function loadOpenApi(file: string = DEFAULT_OPENAPI_FILE): Promise<OpenApiIndex> {
  let pending = cache.get(file);
  if (!pending) {
    pending = (async () => {
      // Not `import`: the package's entry point would parse all ten descriptions (~500 MB).
      const require = createRequire(import.meta.url);
      const packageDir = dirname(require.resolve('@octokit/openapi/package.json'));
      const text = await readFile(join(packageDir, file), 'utf8');
      return new OpenApiIndex(JSON.parse(text) as OpenApiDocument);
    })();
    // A failed load must not poison the cache for the next server.
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}
