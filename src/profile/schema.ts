/**
 * The service profile (SPEC 3) as a zod schema: the one definition from which the loader
 * validates, the TypeScript input types are derived, and the JSON Schema for editors is
 * generated (`json-schema.ts`). Titles and descriptions are what editors show on hover.
 */
import { z } from 'zod';
import { describeValue, nameKeys } from '../config/index.js';
import { CONTEXTS, NEEDS, WORKLOADS, type Need } from '../types.js';
import { globProblem } from './globs.js';

/** Rule ids are kebab-case (`threads-io-only`); they are stable API (SPEC 2). */
export const RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A zod error function that words a missing required key. */
function required(text: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `is required: ${text}` : undefined);
}

const glob = z
  .string()
  .min(1, { error: 'is an empty glob: write "**" for every file, or remove it' })
  .superRefine((value, ctx) => {
    // The empty glob is left to min(1), which also gives the JSON Schema its minLength.
    const problem = value === '' ? undefined : globProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .meta({
    title: 'Glob',
    description: 'A glob over repository-relative paths (picomatch syntax, dotfiles included), e.g. "storage/**" or "**/*_pb2.py".',
  });

const globList = (description: string) => z.array(glob).min(1).default(['**']).meta({ description });

const NEED_HELP: Record<Need, string> = {
  'low-latency': 'Golang criterion 1: the service must answer with low latency.',
  'high-concurrency': 'Golang criterion 2: the service serves many concurrent clients.',
  'multi-core': 'Golang criterion 3, with shared-memory: the work must run on several cores.',
  'shared-memory': 'Golang criterion 3, with multi-core: the cores must share one userspace memory (separate processes would not do).',
  'cython-parallel': 'Golang criterion 4 is met only when false: true means the hot path fits cython.parallel / nogil.',
  'parallel-request': 'All cores are needed inside one transaction or request.',
};

const needs = nameKeys(
  z
    .strictObject(
      Object.fromEntries(NEEDS.map((need) => [need, z.boolean().optional().meta({ description: NEED_HELP[need] })])) as Record<
        Need,
        z.ZodOptional<z.ZodBoolean>
      >,
    )
    .meta({
      title: 'Needs',
      description:
        'What the service needs; each is optional, and one not declared is reported as "not declared". Golang is justified only when low-latency, high-concurrency, multi-core and shared-memory are true and cython-parallel is false.',
    }),
  'need',
);

const evidence = nameKeys(
  z
    .strictObject({
      'latency-p99-ms': z.number().min(0).optional().meta({ description: 'Measured 99th percentile latency, in milliseconds.' }),
      'concurrent-clients': z.number().int().min(0).optional().meta({ description: 'Measured number of concurrent clients.' }),
      profiling: z
        .string()
        .min(1)
        .optional()
        .meta({ description: 'A link to, or a note on, profiling that shows the bottleneck.' }),
    })
    .meta({ title: 'Evidence', description: 'Measurements behind the declared needs; shown in the review comment.' }),
  'kind of evidence',
);

const service = nameKeys(
  z
    .strictObject({
      name: z
        .string({ error: required('every service needs a unique name') })
        .regex(/\S/, { error: 'must not be empty' })
        .meta({ description: 'The service name, unique in the profile.' }),
      paths: globList('The files of the service. The last service whose globs match a file owns it, as in CODEOWNERS.'),
      context: z
        .enum(CONTEXTS)
        .default('standalone')
        .meta({ description: 'erp5 and zope services get ERP5/Zope-specific advice (CMFActivity, no asyncio).' }),
      workload: z.enum(WORKLOADS).optional().meta({ description: 'What bounds the service: I/O, CPU, or both.' }),
      needs: needs.optional(),
      evidence: evidence.optional(),
      notes: z.string().optional().meta({ description: 'Free text, shown in the review comment.' }),
    })
    .meta({ title: 'Service', description: 'A part of the repository with its own needs.' }),
  'service key',
);

const accept = nameKeys(
  z
    .strictObject({
      rule: z
        .string({ error: required('the id of the rule whose question is accepted') })
        .regex(RULE_ID_PATTERN, {
          error: (issue) => `must be a rule id in kebab-case, such as threads-io-only (got ${describeValue(issue.input)})`,
        })
        .meta({ description: 'The id of the rule whose question is accepted, e.g. threads-io-only.' }),
      paths: globList('Where the acceptance holds.'),
      reason: z
        .string({ error: required('say why the question is accepted') })
        .regex(/\S/, { error: 'must not be empty: say why the question is accepted' })
        .meta({ description: 'Why the question is accepted; shown in the review comment.' }),
    })
    .meta({ title: 'Accepted question', description: 'A question of a rule that a maintainer has accepted for some paths.' }),
  'accept key',
);

/** The profile file `.github/service-profile.yml` (SPEC 3). */
export const profileSchema = nameKeys(
  z
    .strictObject({
      version: z.literal(1).default(1).meta({ description: 'The profile format version; only 1 exists.' }),
      services: z
        .array(service)
        .default([])
        .meta({ description: 'The services of the repository. Files no service matches belong to an implicit service named "default" with nothing declared.' }),
      accept: z.array(accept).default([]).meta({ description: 'Questions a maintainer has accepted.' }),
      ignore: z.array(glob).default([]).meta({ description: 'Files never reviewed, e.g. vendored or generated code.' }),
    })
    .meta({
      title: 'architecture-review service profile',
      description:
        'Declares the services of a repository and what each needs, so that architecture-review can judge its concurrency and language choices (golang, threads, asyncio).',
    }),
  'top-level key',
);

/** The profile as written (defaults not applied). */
export type ProfileInput = z.input<typeof profileSchema>;
/** The profile validated, defaults applied; `loadProfile` turns it into `Profile`. */
export type ProfileData = z.output<typeof profileSchema>;
export type ServiceData = ProfileData['services'][number];
export type AcceptData = ProfileData['accept'][number];
