import { z } from 'zod';
import { CONTEXTS, NEEDS, SIGNAL_KINDS, WORKLOADS } from '../types.js';

/** Rule ids are kebab-case: they are stable API and appear in comments and configuration. */
export const RULE_ID = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case, like threads-io-only');

const signalName = z.enum([...SIGNAL_KINDS, 'any']);
const tag = z.enum(['nogil', 'parallel', 'async-server', 'import', 'file', 'use']);
const needList = z.array(z.enum(NEEDS)).min(1);

/** A trigger entry: a signal kind, or a signal kind that must carry some tags. */
const signalTrigger = z.union([
  signalName,
  z.strictObject({ signal: signalName, tags: z.array(tag).min(1) }),
]);

/**
 * A condition on the service that owns the signal and on the signal's surroundings.
 * Leaves have one key each; `all`, `any` and `not` combine them.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { 'golang-criteria': 'met' | 'unmet' }
  | { context: (typeof CONTEXTS)[number][] }
  | { 'context-not': (typeof CONTEXTS)[number][] }
  | { workload: (typeof WORKLOADS)[number][] }
  | { 'workload-not': (typeof WORKLOADS)[number][] }
  | { 'needs-any': (typeof NEEDS)[number][] }
  | { 'needs-none': (typeof NEEDS)[number][] }
  | { needs: Partial<Record<(typeof NEEDS)[number], boolean>> }
  | { 'gil-release-nearby': boolean }
  | { 'evidence-missing': ('profiling' | 'latency-p99-ms' | 'concurrent-clients')[] }
  | { 'profile-found': boolean };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ 'golang-criteria': z.enum(['met', 'unmet']) }),
    z.strictObject({ context: z.array(z.enum(CONTEXTS)).min(1) }),
    z.strictObject({ 'context-not': z.array(z.enum(CONTEXTS)).min(1) }),
    z.strictObject({ workload: z.array(z.enum(WORKLOADS)).min(1) }),
    z.strictObject({ 'workload-not': z.array(z.enum(WORKLOADS)).min(1) }),
    z.strictObject({ 'needs-any': needList }),
    z.strictObject({ 'needs-none': needList }),
    z.strictObject({ needs: z.partialRecord(z.enum(NEEDS), z.boolean()) }),
    z.strictObject({ 'gil-release-nearby': z.boolean() }),
    z.strictObject({
      'evidence-missing': z.array(z.enum(['profiling', 'latency-p99-ms', 'concurrent-clients'])).min(1),
    }),
    z.strictObject({ 'profile-found': z.boolean() }),
  ]),
);

export const triggerSchema = z.union([
  z.strictObject({ signals: z.array(signalTrigger).min(1) }),
  z.strictObject({ 'profile-edit': z.literal(true) }),
]);

/** One rule, as written in `rules/<id>.yml` or in a user rules file. */
export const ruleSchema = z.strictObject({
  id: RULE_ID,
  title: z.string().min(1),
  verdict: z.enum(['recommend', 'question', 'info']),
  trigger: triggerSchema,
  when: conditionSchema.optional(),
  /**
   * `signal` (the default): a finding per service and signal kind, with every location.
   * `service`: one finding per service, at the first location it fires on, for a note that
   * accompanies other findings (measure first) and would only repeat their locations.
   */
  scope: z.enum(['signal', 'service']).optional(),
  reason: z.string().min(1),
  message: z.string().min(1),
  alternative: z.string().min(1),
  hint: z.string().min(1).optional(),
  docs: z.string().min(1),
});

export type Rule = z.infer<typeof ruleSchema>;
export type Trigger = z.infer<typeof triggerSchema>;

/**
 * A user rules file (`--rules`, input `rules`): new rules, default rules replaced by id, and
 * default rules switched off by id.
 */
export const userRulesSchema = z.strictObject({
  version: z.literal(1).optional(),
  rules: z.array(ruleSchema).optional(),
  disable: z.array(RULE_ID).optional(),
});

export type UserRules = z.infer<typeof userRulesSchema>;
