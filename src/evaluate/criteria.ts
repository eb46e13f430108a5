import type { Criterion, Need, Service } from '../types.js';

/** The needs that make up each golang criterion, and the value each must be declared with. */
const CRITERION_NEEDS: Record<Criterion, { need: Need; value: boolean }[]> = {
  'low-latency': [{ need: 'low-latency', value: true }],
  'high-concurrency': [{ need: 'high-concurrency', value: true }],
  'shared-memory-multi-core': [
    { need: 'multi-core', value: true },
    { need: 'shared-memory', value: true },
  ],
  // Criterion (4) is met when cython.parallel does NOT fit the hot path.
  'beyond-cython-parallel': [{ need: 'cython-parallel', value: false }],
};

const CRITERION_LABELS: Record<Criterion, string> = {
  'low-latency': '(1) low latency',
  'high-concurrency': '(2) high concurrency',
  'shared-memory-multi-core': '(3) multi-core in one shared memory',
  'beyond-cython-parallel': '(4) beyond cython.parallel',
};

export const CRITERIA_ORDER = Object.keys(CRITERION_NEEDS) as Criterion[];

/** The needs the golang criteria read, in the order they are reported. */
export const CRITERIA_NEEDS: Need[] = ['low-latency', 'high-concurrency', 'multi-core', 'shared-memory', 'cython-parallel'];

/**
 * Each criterion as the report states it: true (met), false (a need declared against it) or
 * null (not declared, so neither met nor refuted).
 */
export function golangCriteria(service: Service): Record<Criterion, boolean | null> {
  const out = {} as Record<Criterion, boolean | null>;
  for (const criterion of CRITERIA_ORDER) {
    const parts = CRITERION_NEEDS[criterion].map(({ need, value }) => {
      const declared = service.needs[need];
      return declared === undefined ? null : declared === value;
    });
    out[criterion] = parts.includes(false) ? false : parts.includes(null) ? null : true;
  }
  return out;
}

/** True when the service meets all four criteria, which is the only case golang is justified. */
export function meetsGolangCriteria(service: Service): boolean {
  return Object.values(golangCriteria(service)).every((v) => v === true);
}

/** "(1) low latency: not declared; (3) ...: `shared-memory` declared false" */
export function describeUnmetCriteria(service: Service): string {
  const parts: string[] = [];
  for (const criterion of CRITERIA_ORDER) {
    const why = CRITERION_NEEDS[criterion]
      .filter(({ need, value }) => service.needs[need] !== value)
      .map(({ need }) =>
        service.needs[need] === undefined ? `\`${need}\` not declared` : `\`${need}\` declared ${service.needs[need]}`,
      );
    if (why.length > 0) parts.push(`${CRITERION_LABELS[criterion]}: ${why.join(', ')}`);
  }
  return parts.join('; ');
}

/** The declarations that would meet every criterion: "`low-latency: true` and `shared-memory: true`". */
export function missingGolangDeclarations(service: Service): string {
  const missing: string[] = [];
  for (const criterion of CRITERIA_ORDER) {
    for (const { need, value } of CRITERION_NEEDS[criterion]) {
      if (service.needs[need] !== value) missing.push(`\`${need}: ${value}\``);
    }
  }
  if (missing.length <= 1) return missing.join('');
  return `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
}
