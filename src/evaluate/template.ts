/** The placeholders a rule's `message` and `hint` may use. */
export const PLACEHOLDERS = [
  'what',
  'service',
  'signal',
  'count',
  'facts',
  'undeclared',
  'golang-unmet',
  'golang-missing',
  'profile-path',
  'flips',
  'gil-release',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER_RE = /\{\{\s*([a-z-]+)\s*\}\}/g;

/** The placeholders a template names that are not known, for validating user rules. */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(PLACEHOLDERS);
  return [...template.matchAll(PLACEHOLDER_RE)].map((m) => m[1] ?? '').filter((name) => !known.has(name));
}

/** Fills `{{name}}` placeholders; values are computed lazily since most templates use few. */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, () => string>>): string {
  return template.replace(PLACEHOLDER_RE, (whole, name: string) => {
    const value = values[name as Placeholder];
    return value ? value() : whole;
  });
}
