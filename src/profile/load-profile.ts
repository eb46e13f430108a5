/**
 * The service profile: read, validated (every problem listed with its place), and turned
 * into the `Profile` the rest of the pipeline uses.
 */
import { describeValue, parseYamlWithSource, positionOf, problemAt, type YamlSource } from '../config/index.js';
import type { Problem } from '../errors.js';
import type { AcceptEntry, Profile, Service } from '../types.js';
import { profileSchema, type ProfileData, type ServiceData } from './schema.js';

export { PROFILE_PATH, defaultProfile } from './defaults.js';

/**
 * Service names must be unique: reported at the second use, naming the line of the first.
 * Runs on the raw data, so that it is listed along with schema problems elsewhere.
 */
function duplicateServiceNames(data: unknown, source: YamlSource): Problem[] {
  const services = (data as { services?: unknown } | null)?.services;
  if (!Array.isArray(services)) return [];
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  services.forEach((entry: unknown, i) => {
    const name = (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    const seen = first.get(name);
    if (seen === undefined) {
      first.set(name, i);
      return;
    }
    const line = positionOf(source, ['services', seen]).line;
    problems.push(
      problemAt(
        source,
        ['services', i, 'name'],
        `name ${describeValue(name)} is already used by the service at line ${line}: give each service a unique name`,
      ),
    );
  });
  return problems;
}

function toService(data: ServiceData, line: number, pathPositions: Service['pathPositions']): Service {
  const service: Service = {
    name: data.name,
    paths: data.paths,
    context: data.context,
    // Copied key by key so that a need not declared stays absent (not `undefined`): the
    // rules tell "not declared" from "declared false".
    needs: { ...data.needs },
    evidence: { ...data.evidence },
    line,
    pathPositions,
  };
  if (data.workload !== undefined) service.workload = data.workload;
  if (data.notes !== undefined) service.notes = data.notes;
  return service;
}

function toProfile(data: ProfileData, source: YamlSource): Profile {
  return {
    version: 1,
    services: data.services.map((s, i) =>
      toService(
        s,
        positionOf(source, ['services', i]).line,
        s.paths.map((_, j) => positionOf(source, ['services', i, 'paths', j])),
      ),
    ),
    accept: data.accept.map(
      (a, i): AcceptEntry => ({
        rule: a.rule,
        paths: a.paths,
        reason: a.reason,
        line: positionOf(source, ['accept', i]).line,
        rulePosition: positionOf(source, ['accept', i, 'rule']),
      }),
    ),
    ignore: data.ignore,
  };
}

/**
 * Reads a service profile (SPEC 3) from its text.
 *
 * @param text the file's content
 * @param file the path shown in messages, usually {@link PROFILE_PATH}
 * @returns the profile with defaults applied; `line` of services and accept entries is the
 *   line of the entry in the file
 * @throws ConfigError listing every problem as `file:line:col: message`: YAML syntax,
 *   unknown keys (with "did you mean"), wrong types and values, duplicate service names,
 *   bad globs, rule ids that are not kebab-case, an empty file.
 */
export function loadProfile(text: string, file: string): Profile {
  const { value, source } = parseYamlWithSource(text, file, profileSchema, {
    emptyMessage: 'empty profile: write at least "version: 1", or delete the file to review without one',
    checkRaw: duplicateServiceNames,
  });
  return toProfile(value, source);
}
