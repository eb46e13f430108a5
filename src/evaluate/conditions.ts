import type { Condition } from '../rules/schema.js';
import type { Need, ProfileFact, Service } from '../types.js';
import { CRITERIA_NEEDS, meetsGolangCriteria } from './criteria.js';

/** What a condition may look at besides the service itself. */
export interface ConditionContext {
  service: Service;
  profileFound: boolean;
  /** A cython nogil section or numba nogil=True in the same file, or added in the same service. */
  gilReleaseNearby: boolean;
}

export interface ConditionResult {
  holds: boolean;
  /** The profile facts the condition read, so the message can show what the verdict rests on. */
  facts: ProfileFact[];
}

function needFacts(service: Service, needs: readonly Need[]): ProfileFact[] {
  return needs.map((need) => ({ key: `needs.${need}`, value: service.needs[need] ?? null }));
}

/**
 * Evaluates a rule's `when` condition. Every branch is evaluated (no short cut) so the facts
 * list is the same whichever branch decided.
 */
export function evaluateCondition(condition: Condition, ctx: ConditionContext): ConditionResult {
  const { service } = ctx;
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluateCondition(c, ctx));
    return { holds: parts.every((p) => p.holds), facts: parts.flatMap((p) => p.facts) };
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluateCondition(c, ctx));
    return { holds: parts.some((p) => p.holds), facts: parts.flatMap((p) => p.facts) };
  }
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, ctx);
    return { holds: !inner.holds, facts: inner.facts };
  }
  if ('golang-criteria' in condition) {
    const met = meetsGolangCriteria(service);
    return { holds: condition['golang-criteria'] === 'met' ? met : !met, facts: needFacts(service, CRITERIA_NEEDS) };
  }
  if ('context' in condition) {
    return { holds: condition.context.includes(service.context), facts: [{ key: 'context', value: service.context }] };
  }
  if ('context-not' in condition) {
    return {
      holds: !condition['context-not'].includes(service.context),
      facts: [{ key: 'context', value: service.context }],
    };
  }
  if ('workload' in condition) {
    const w = service.workload;
    return { holds: w !== undefined && condition.workload.includes(w), facts: [{ key: 'workload', value: w ?? null }] };
  }
  if ('workload-not' in condition) {
    const w = service.workload;
    return {
      holds: w === undefined || !condition['workload-not'].includes(w),
      facts: [{ key: 'workload', value: w ?? null }],
    };
  }
  if ('needs-any' in condition) {
    const needs = condition['needs-any'];
    return { holds: needs.some((n) => service.needs[n] === true), facts: needFacts(service, needs) };
  }
  if ('needs-none' in condition) {
    const needs = condition['needs-none'];
    return { holds: !needs.some((n) => service.needs[n] === true), facts: needFacts(service, needs) };
  }
  if ('needs' in condition) {
    const wanted = Object.entries(condition.needs) as [Need, boolean][];
    return {
      holds: wanted.every(([n, v]) => service.needs[n] === v),
      facts: needFacts(
        service,
        wanted.map(([n]) => n),
      ),
    };
  }
  if ('gil-release-nearby' in condition) {
    return { holds: condition['gil-release-nearby'] === ctx.gilReleaseNearby, facts: [] };
  }
  if ('evidence-missing' in condition) {
    const keys = condition['evidence-missing'];
    return {
      holds: keys.some((k) => service.evidence[k] === undefined),
      facts: keys.map((k) => ({ key: `evidence.${k}`, value: service.evidence[k] ?? null })),
    };
  }
  return { holds: condition['profile-found'] === ctx.profileFound, facts: [] };
}
