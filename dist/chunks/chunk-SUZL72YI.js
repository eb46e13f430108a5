import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  external_exports,
  problemAt,
  require_dist
} from "./chunk-UTMCAE6Q.js";
import {
  closestMatches
} from "./chunk-FB4OO7TI.js";
import {
  ConfigError
} from "./chunk-4ALPS4ZO.js";
import {
  __toESM
} from "./chunk-LPW5IQWZ.js";

// src/config/describe.ts
var MAX_QUOTED = 60;
function cut(text) {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}\u2026` : text;
}
function describeValue(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return JSON.stringify(cut(value));
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (value === Infinity) return ".inf";
    if (value === -Infinity) return "-.inf";
    return String(value);
  }
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}
function formatKey(key) {
  const text = cut(String(key));
  return /^[A-Za-z0-9_][A-Za-z0-9_-]*$/.test(text) ? text : JSON.stringify(text);
}
function formatPath(path) {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? formatKey(segment) : `.${formatKey(segment)}`;
  }
  return out === "" ? "the file" : out;
}
function displayPath(path) {
  let cut2 = 0;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof path[i] === "number" && typeof path[i + 1] !== "number") cut2 = i + 1;
  }
  return formatPath(path.slice(cut2));
}
function listWords(words, last = "or") {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${last} ${words[words.length - 1]}`;
}

// src/config/parse-yaml.ts
var import_yaml = __toESM(require_dist(), 1);

// src/config/schema-walk.ts
function defOf(schema) {
  return schema._zod.def;
}
var keyNouns = external_exports.registry();
function nameKeys(schema, noun) {
  keyNouns.add(schema, { noun });
  return schema;
}
function concreteSchemas(schema, keepUnions = false, seen = /* @__PURE__ */ new Set()) {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "nonoptional":
    case "readonly":
    case "catch":
      return def.innerType ? concreteSchemas(def.innerType, keepUnions, seen) : [];
    case "pipe":
      return def.in ? concreteSchemas(def.in, keepUnions, seen) : [];
    case "lazy":
      return def.getter ? concreteSchemas(def.getter(), keepUnions, seen) : [];
    case "union":
      if (keepUnions) return [schema];
      return (def.options ?? []).flatMap((option) => concreteSchemas(option, keepUnions, seen));
    case "intersection":
      return [def.left, def.right].flatMap((side) => side ? concreteSchemas(side, keepUnions, seen) : []);
    default:
      return [schema];
  }
}
function children(schema, segment) {
  const def = defOf(schema);
  switch (def.type) {
    case "object": {
      const child = def.shape?.[String(segment)];
      return child ? [child] : [];
    }
    case "array":
      return def.element ? [def.element] : [];
    case "tuple": {
      const item = typeof segment === "number" ? def.items?.[segment] : void 0;
      return item ? [item] : [];
    }
    case "record":
      return def.valueType ? [def.valueType] : [];
    default:
      return [];
  }
}
function schemasAt(root, path, keepUnions = false) {
  let current = concreteSchemas(root, keepUnions && path.length === 0);
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    current = current.flatMap((schema) => children(schema, segment)).flatMap((child) => concreteSchemas(child, keepUnions && last));
  });
  return current;
}
function objectSchemas(schemas) {
  return schemas.filter((schema) => defOf(schema).type === "object");
}
function allowedKeys(schemas) {
  const keys = /* @__PURE__ */ new Set();
  for (const schema of schemas) {
    const def = defOf(schema);
    if (def.type === "object") for (const key of Object.keys(def.shape ?? {})) keys.add(key);
    else if (def.type === "record" && def.keyType) {
      for (const keySchema of concreteSchemas(def.keyType)) {
        const keyDef = defOf(keySchema);
        if (keyDef.type === "enum") for (const key of Object.values(keyDef.entries ?? {})) keys.add(String(key));
      }
    }
  }
  return [...keys];
}
function keyNounOf(schemas) {
  for (const schema of objectSchemas(schemas)) {
    const noun = keyNouns.get(schema)?.noun;
    if (noun) return noun;
  }
  return void 0;
}
function unionOptions(schemas) {
  for (const schema of schemas) {
    const def = defOf(schema);
    if (def.type === "union") return def.options ?? [];
  }
  return [];
}

// src/config/zod-problems.ts
var ZOD_DEFAULT_MESSAGE = "\0zod-default";
function valueAt(data, path) {
  let current = data;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === "number" && segment < current.length) {
      current = current[segment];
    } else if (current !== null && typeof current === "object" && !Array.isArray(current) && typeof segment !== "symbol" && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      return { found: false, value: void 0 };
    }
  }
  return { found: true, value: current };
}
function formatLiteral(value) {
  return typeof value === "string" ? value : String(value);
}
function expectedWords(expected, schemas) {
  switch (expected) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object": {
      const keys = allowedKeys(schemas);
      return keys.length > 0 ? `a mapping with keys from: ${keys.join(", ")}` : "a mapping";
    }
    case "null":
      return "an empty value";
    default:
      return expected;
  }
}
function sizeMessage(issue, value) {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  const got = describeValue(value);
  switch (issue.origin) {
    case "string":
      if (small && limit === 1) return "must not be empty";
      return `must be ${small ? "at least" : "at most"} ${limit} characters long (got ${String(value).length})`;
    case "array":
      if (small && limit === 1) return `must list at least one item (got ${got})`;
      return `must list ${small ? "at least" : "at most"} ${limit} items (got ${Array.isArray(value) ? value.length : got})`;
    default: {
      const bound = small ? issue.inclusive ? "at least" : "greater than" : issue.inclusive ? "at most" : "less than";
      return `must be ${bound} ${limit} (got ${got})`;
    }
  }
}
function formatMessage(issue, got) {
  const extra = issue;
  switch (issue.format) {
    case "regex":
      return `must match the pattern ${issue.pattern ?? ""} (got ${got})`;
    case "starts_with":
      return `must start with ${JSON.stringify(extra.prefix ?? "")} (got ${got})`;
    case "ends_with":
      return `must end with ${JSON.stringify(extra.suffix ?? "")} (got ${got})`;
    case "includes":
      return `must contain ${JSON.stringify(extra.includes ?? "")} (got ${got})`;
    default:
      return `must be a valid ${issue.format} (got ${got})`;
  }
}
function defaultMessage(issue, lookup, schemas) {
  const got = describeValue(lookup.value);
  switch (issue.code) {
    case "invalid_type":
      return `must be ${expectedWords(issue.expected, schemas)} (got ${got})`;
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${formatLiteral(issue.values[0])} (got ${got})` : `must be one of ${issue.values.map(formatLiteral).join(", ")} (got ${got})`;
    case "too_small":
    case "too_big":
      return sizeMessage(issue, lookup.value);
    case "invalid_format":
      return formatMessage(issue, got);
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor} (got ${got})`;
    default:
      return `is not valid (got ${got})`;
  }
}
function unknownKeyProblem(parent, key, schemas, ctx) {
  const path = [...parent, key];
  const allowed = allowedKeys(schemas);
  const noun = keyNounOf(schemas) ?? "key";
  let hint;
  const near = closestMatches(key, allowed);
  if (near.length > 0) {
    hint = ` (did you mean ${listWords(near)}?)`;
  } else {
    const home = allowed.find(
      (candidate) => schemas.some((schema) => allowedKeys(schemasAt(schema, [candidate])).includes(key))
    );
    hint = home ? ` (did you mean ${home}.${key}?)` : allowed.length > 0 ? ` (expected one of: ${allowed.join(", ")})` : "";
  }
  return problemAt(ctx.source, path, `${displayPath(path)} is not a known ${noun}${hint}`, "key");
}
function failedOnType(issues) {
  return issues.every((i) => i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value"));
}
function unionProblems(issue, path, schema, relative, lookup, ctx) {
  const display = displayPath(path);
  const alternatives = issue.errors;
  if (alternatives.length === 0 && "discriminator" in issue && issue.discriminator !== void 0) {
    const allowed = "options" in issue && issue.options ? issue.options.map(formatLiteral).join(", ") : "";
    const message = lookup.found ? `must be one of ${allowed} (got ${describeValue(lookup.value)})` : `is required (one of ${allowed})`;
    return [problemAt(ctx.source, path, `${display} ${message}`)];
  }
  if (!lookup.found) return [problemAt(ctx.source, path, `${display} is required`)];
  const options = unionOptions(schemasAt(schema, relative, true));
  if (alternatives.length === 0 || alternatives.every(failedOnType)) {
    const MAPPING = "\0mapping";
    const words = /* @__PURE__ */ new Set();
    const mappings = [];
    alternatives.forEach((errors, i) => {
      const optionSchemas = options[i] ? schemasAt(options[i], []) : [];
      for (const e of errors) {
        if (e.code === "invalid_type" && e.expected === "object") {
          words.add(MAPPING);
          mappings.push(...optionSchemas);
        } else if (e.code === "invalid_type") words.add(expectedWords(e.expected, optionSchemas));
        else if (e.code === "invalid_value") for (const v of e.values) words.add(formatLiteral(v));
      }
    });
    const list = [...words].map((word) => word === MAPPING ? expectedWords("object", mappings) : word);
    const expected = list.length > 0 ? `must be ${listWords(list)}` : "is not valid";
    return [problemAt(ctx.source, path, `${display} ${expected} (got ${describeValue(lookup.value)})`)];
  }
  const value = lookup.value;
  const written = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  const known = options.map((option2) => {
    const keys = new Set(allowedKeys(schemasAt(option2, [])));
    return written.filter((key) => keys.has(key)).length;
  });
  let best = -1;
  alternatives.forEach((errors, i) => {
    if (failedOnType(errors)) return;
    const better = best < 0 || (known[i] ?? 0) > (known[best] ?? 0) || (known[i] ?? 0) === (known[best] ?? 0) && errors.length < alternatives[best].length;
    if (better) best = i;
  });
  const objectOptions = objectSchemas(options.flatMap((option2) => schemasAt(option2, [])));
  if (written.length > 0 && objectOptions.length > 1 && (known[best] ?? 0) === 0) {
    return written.map((key) => unknownKeyProblem(path, key, objectOptions, ctx));
  }
  if (written.length === 0 && objectOptions.length > 1 && value !== null && typeof value === "object" && !Array.isArray(value)) {
    return [problemAt(ctx.source, path, `${display} is empty: expected one of the keys ${allowedKeys(objectOptions).join(", ")}`)];
  }
  const option = options[best];
  return alternatives[best].flatMap(
    (inner) => option ? issueProblems(inner, path, option, [], ctx) : issueProblems(inner, path, schema, relative, ctx)
  );
}
function issueProblems(issue, base, schema, relative, ctx) {
  const local = [...relative, ...issue.path];
  const path = [...base, ...local];
  const lookup = valueAt(ctx.data, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const schemas = schemasAt(schema, local);
      return issue.keys.map((key) => unknownKeyProblem(path, key, schemas, ctx));
    }
    case "invalid_union":
      return unionProblems(issue, path, schema, local, lookup, ctx);
    case "invalid_key":
    case "invalid_element":
      return issue.issues.flatMap((inner) => issueProblems(inner, base, schema, local, ctx));
    default: {
      const display = displayPath(path);
      let message;
      if (issue.message !== ZOD_DEFAULT_MESSAGE) message = issue.message;
      else if (!lookup.found) message = "is required";
      else message = defaultMessage(issue, lookup, schemasAt(schema, local));
      return [problemAt(ctx.source, path, `${display} ${message}`)];
    }
  }
}
function issuesToProblems(issues, schema, data, source) {
  const ctx = { source, data };
  return issues.flatMap((issue) => issueProblems(issue, [], schema, [], ctx));
}

// src/config/parse-yaml.ts
var DEFAULTS = { maxChars: 1024 * 1024, maxDepth: 64, maxAliasCount: 100 };
var Collector = class {
  constructor(file) {
    this.file = file;
  }
  file;
  problems = [];
  blocking = false;
  add(line, col, message, blocking = false) {
    this.problems.push({ file: this.file, line, col, message });
    if (blocking) this.blocking = true;
  }
  fail() {
    throw new ConfigError(sortProblems(this.problems));
  }
};
function sortProblems(problems) {
  const seen = /* @__PURE__ */ new Set();
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col).filter((p) => {
    const key = `${p.line}:${p.col}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function hex(code) {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
var MAX_CHARACTER_PROBLEMS = 10;
function scanCharacters(text, out) {
  let line = 1;
  let lineStart = 0;
  let reported = 0;
  let more = 0;
  let moreAt;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32 && c < 127) continue;
    if (c === 10) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 9 || c === 13) continue;
    let message;
    if (c === 0) {
      out.add(line, i - lineStart + 1, "the file contains a NUL character: it is binary, not YAML text", true);
      return;
    } else if (c === 65533) {
      message = "invalid UTF-8 (the bytes here decoded as U+FFFD): save the file as UTF-8";
    } else if (c < 32 || c >= 127 && c <= 159 && c !== 133) {
      message = `control character ${hex(c)} is not allowed in YAML: remove it`;
    } else if (c === 65534 || c === 65535) {
      message = `character ${hex(c)} is not allowed in YAML: remove it`;
    } else if (c >= 55296 && c <= 56319) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) i++;
      else message = `unpaired surrogate ${hex(c)}: the text is not valid Unicode`;
    } else if (c >= 56320 && c <= 57343) {
      message = `unpaired surrogate ${hex(c)}: the text is not valid Unicode`;
    }
    if (message === void 0) continue;
    if (reported < MAX_CHARACTER_PROBLEMS) {
      out.add(line, i - lineStart + 1, message);
      reported++;
    } else if (more++ === 0) {
      moreAt = { line, col: i - lineStart + 1 };
    }
  }
  if (moreAt) out.add(moreAt.line, moreAt.col, `and ${more} more characters that are not allowed in YAML`);
}
function tooDeepAt(tokens, max) {
  const stack = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop();
    if (token.type === "document") {
      if (token.value) stack.push([token.value, depth]);
    } else if (import_yaml.CST.isCollection(token)) {
      if (depth >= max) return token.offset;
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return void 0;
}
function parseSyntax(text, lineCounter, maxDepth) {
  const parser = new import_yaml.Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens = [];
  const guard = 4 * maxDepth + 16;
  for (const lexeme of new import_yaml.Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > guard) {
      const open = parser.stack.filter((token) => import_yaml.CST.isCollection(token));
      return { tokens, deep: open[maxDepth]?.offset ?? parser.offset };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens, deep: tooDeepAt(tokens, maxDepth) };
}
function lowerFirst(text) {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
function syntaxMessage(error) {
  switch (error.code) {
    case "TAB_AS_INDENT":
      return "a tab is used for indentation: YAML indents with spaces only; replace the tab with spaces";
    case "MULTIPLE_DOCS":
      return 'only one YAML document is allowed: remove the "---" line and what follows, or merge the documents';
    case "RESOURCE_EXHAUSTION":
      return "the document is too large or too deeply nested to read";
    default:
      return `invalid YAML: ${lowerFirst(error.message.split("\n")[0])}`;
  }
}
function checkNodes(source, maxDepth, out) {
  const { lineCounter } = source;
  const anchors = /* @__PURE__ */ new Map();
  const heights = /* @__PURE__ */ new Map();
  const ancestors = [];
  let firstAlias;
  let reportedDepth = false;
  const at = (node) => lineCounter.linePos(node?.range?.[0] ?? 0);
  const walk = (node, asKey) => {
    if ((0, import_yaml.isAlias)(node)) {
      const { line, col } = at(node);
      firstAlias ??= node.range?.[0];
      const target = anchors.get(node.source);
      if (asKey) out.add(line, col, `alias *${node.source} is used as a key: write the key itself`, true);
      if (target === void 0) {
        out.add(line, col, `alias *${node.source} refers to no anchor: define &${node.source} before using it`, true);
        return 0;
      }
      if (ancestors.includes(target)) {
        out.add(line, col, `alias *${node.source} refers to a node that contains it, which would repeat forever`, true);
        return 0;
      }
      const height2 = heights.get(target) ?? 0;
      if (!reportedDepth && ancestors.length + height2 > maxDepth) {
        reportedDepth = true;
        out.add(line, col, `alias *${node.source} makes the document nested more than ${maxDepth} levels deep`, true);
      }
      return height2;
    }
    if (!(0, import_yaml.isNode)(node)) return 0;
    if (node.anchor) anchors.set(node.anchor, node);
    let height = 0;
    if ((0, import_yaml.isMap)(node) || (0, import_yaml.isSeq)(node)) {
      ancestors.push(node);
      const keys = /* @__PURE__ */ new Map();
      for (const item of node.items) {
        if ((0, import_yaml.isPair)(item)) {
          if ((0, import_yaml.isMap)(node) && (0, import_yaml.isScalar)(item.key)) {
            const name = item.key.value === null ? "" : String(item.key.value);
            const first = keys.get(name);
            if (first === void 0) keys.set(name, item.key);
            else {
              const { line, col } = at(item.key);
              const firstLine = at(first).line;
              out.add(line, col, `duplicate key ${formatKey(name)}: it is already set at line ${firstLine}; remove one of them`);
            }
          }
          height = Math.max(height, walk(item.key, true), walk(item.value, false));
        } else {
          height = Math.max(height, walk(item, false));
        }
      }
      ancestors.pop();
      height += 1;
    }
    heights.set(node, height);
    return height;
  };
  walk(source.doc.contents, false);
  return firstAlias;
}
function readDocument(input, file, schema, options) {
  const limits = { ...DEFAULTS, ...options };
  const out = new Collector(file);
  if (typeof input !== "string") {
    out.add(1, 1, "the file could not be read as text", true);
    out.fail();
  }
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  if (text.length > limits.maxChars) {
    const size = (n) => n.toLocaleString("en-US");
    const message = `the file is too large: ${size(text.length)} characters, more than the ${size(limits.maxChars)} a configuration file may have`;
    out.add(1, 1, message, true);
    out.fail();
  }
  scanCharacters(text, out);
  if (out.blocking) out.fail();
  const lineCounter = new import_yaml.LineCounter();
  const { tokens, deep } = parseSyntax(text, lineCounter, limits.maxDepth);
  if (deep !== void 0) {
    const { line, col } = lineCounter.linePos(deep);
    out.add(line, col, `the document is nested more than ${limits.maxDepth} levels deep`, true);
    out.fail();
  }
  const composer = new import_yaml.Composer({ uniqueKeys: true, strict: true, version: "1.2" });
  const docs = [...composer.compose(tokens, true, text.length)];
  const doc = docs[0];
  const source = { file, doc, lineCounter };
  const extra = docs.slice(1).find((d) => d.contents !== null);
  if (extra) {
    const { line, col } = lineCounter.linePos(extra.range[0]);
    out.add(line, col, syntaxMessage({ code: "MULTIPLE_DOCS", message: "" }), true);
  }
  for (const error of doc.errors) {
    if (error.code === "DUPLICATE_KEY") continue;
    const { line, col } = lineCounter.linePos(error.pos[0]);
    out.add(line, col, syntaxMessage(error), true);
  }
  for (const warning of doc.warnings) {
    const { line, col } = lineCounter.linePos(warning.pos[0]);
    out.add(line, col, syntaxMessage(warning));
  }
  const firstAlias = checkNodes(source, limits.maxDepth, out);
  if (out.blocking) out.fail();
  if (doc.contents === null) {
    out.add(1, 1, options.emptyMessage ?? "the file is empty: it has no YAML content", true);
    out.fail();
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: limits.maxAliasCount });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    const { line, col } = lineCounter.linePos(firstAlias ?? 0);
    const message = `aliases expand to too much data (more than yaml's budget of ${limits.maxAliasCount}): use fewer aliases`;
    out.add(line, col, message, true);
    out.fail();
  }
  if (options.checkRaw) out.problems.push(...options.checkRaw(data, source));
  const result = schema.safeParse(data, { error: () => ZOD_DEFAULT_MESSAGE });
  if (!result.success) {
    out.problems.push(...issuesToProblems(result.error.issues, schema, data, source));
    out.fail();
  }
  if (out.problems.length > 0) out.fail();
  const value = result.data;
  const checked = options.check?.(value, source) ?? [];
  if (checked.length > 0) throw new ConfigError(sortProblems(checked));
  return { value, source };
}
function parseYamlWithSource(text, file, schema, options = {}) {
  try {
    return readDocument(text, file, schema, options);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const message = err instanceof RangeError ? "the document is too large or too deeply nested to read" : `the file could not be read: ${err instanceof Error ? err.message : String(err)}`;
    throw new ConfigError([{ file, line: 1, col: 1, message }], { cause: err });
  }
}

export {
  describeValue,
  nameKeys,
  parseYamlWithSource
};
