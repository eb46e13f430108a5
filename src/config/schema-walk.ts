/**
 * Reading a zod schema by path, to say what is allowed where an issue was found: the keys a
 * strict object allows (for "did you mean"), and what a place is called ("need", "service
 * key"). Zod's issues carry only the offending keys, not the allowed ones.
 */
import { z } from 'zod';
import type { ConfigPath } from './describe.js';

type Schema = z.core.$ZodType;

/** The parts of zod's definitions this module reads; zod documents `def` as public. */
interface WalkDef {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  items?: Schema[];
  innerType?: Schema;
  in?: Schema;
  options?: Schema[];
  keyType?: Schema;
  valueType?: Schema;
  entries?: Record<string, string | number>;
  left?: Schema;
  right?: Schema;
  getter?: () => Schema;
}

function defOf(schema: Schema): WalkDef {
  return schema._zod.def as unknown as WalkDef;
}

/**
 * What the keys of a mapping are called in messages, per strict object schema:
 * `needs.low-latncy is not a known need`. Register with {@link nameKeys}.
 */
export const keyNouns = z.registry<{ noun: string }>();

/**
 * Names the keys of an object schema for messages ("need", "service key") and returns the
 * same schema. Call it last on the object itself (before `.optional()` or `.default()`):
 * methods like `.describe()` return a new schema, which would not carry the name.
 */
export function nameKeys<S extends Schema>(schema: S, noun: string): S {
  keyNouns.add(schema, { noun });
  return schema;
}

/**
 * The concrete schemas behind wrappers (optional, default, pipe, lazy, …), and behind the
 * options of unions unless `keepUnions`.
 */
export function concreteSchemas(schema: Schema, keepUnions = false, seen = new Set<Schema>()): Schema[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? concreteSchemas(def.innerType, keepUnions, seen) : [];
    case 'pipe':
      return def.in ? concreteSchemas(def.in, keepUnions, seen) : [];
    case 'lazy':
      return def.getter ? concreteSchemas(def.getter(), keepUnions, seen) : [];
    case 'union':
      if (keepUnions) return [schema];
      return (def.options ?? []).flatMap((option) => concreteSchemas(option, keepUnions, seen));
    case 'intersection':
      return [def.left, def.right].flatMap((side) => (side ? concreteSchemas(side, keepUnions, seen) : []));
    default:
      return [schema];
  }
}

function children(schema: Schema, segment: PropertyKey): Schema[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const child = def.shape?.[String(segment)];
      return child ? [child] : [];
    }
    case 'array':
      return def.element ? [def.element] : [];
    case 'tuple': {
      const item = typeof segment === 'number' ? def.items?.[segment] : undefined;
      return item ? [item] : [];
    }
    case 'record':
      return def.valueType ? [def.valueType] : [];
    default:
      return [];
  }
}

/**
 * Every concrete schema that may apply at `path` (several where a union allows several);
 * with `keepUnions`, a union found at the end of the path is returned as such.
 */
export function schemasAt(root: Schema, path: ConfigPath, keepUnions = false): Schema[] {
  let current = concreteSchemas(root, keepUnions && path.length === 0);
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    current = current
      .flatMap((schema) => children(schema, segment))
      .flatMap((child) => concreteSchemas(child, keepUnions && last));
  });
  return current;
}

/** The object schemas among `schemas`. */
export function objectSchemas(schemas: readonly Schema[]): Schema[] {
  return schemas.filter((schema) => defOf(schema).type === 'object');
}

/**
 * The keys the object schemas allow, in declaration order, without repeats; also the keys of
 * records whose keys are an enum (`needs: {low-latency: true}` in a rule condition), so that a
 * misspelled one gets its "did you mean" too.
 */
export function allowedKeys(schemas: readonly Schema[]): string[] {
  const keys = new Set<string>();
  for (const schema of schemas) {
    const def = defOf(schema);
    if (def.type === 'object') for (const key of Object.keys(def.shape ?? {})) keys.add(key);
    else if (def.type === 'record' && def.keyType) {
      for (const keySchema of concreteSchemas(def.keyType)) {
        const keyDef = defOf(keySchema);
        if (keyDef.type === 'enum') for (const key of Object.values(keyDef.entries ?? {})) keys.add(String(key));
      }
    }
  }
  return [...keys];
}

/** The name given by {@link nameKeys} to the first named object schema, if any. */
export function keyNounOf(schemas: readonly Schema[]): string | undefined {
  for (const schema of objectSchemas(schemas)) {
    const noun = keyNouns.get(schema)?.noun;
    if (noun) return noun;
  }
  return undefined;
}

/** The options of the first union among `schemas`, in order (empty when there is none). */
export function unionOptions(schemas: readonly Schema[]): Schema[] {
  for (const schema of schemas) {
    const def = defOf(schema);
    if (def.type === 'union') return def.options ?? [];
  }
  return [];
}
