/**
 * SARIF 2.1.0 for GitHub code scanning (the action's `sarif` input) and other SARIF viewers.
 *
 * One result per finding, as in the comment: its first location is the result's location, the
 * others its related locations (code scanning lists them with the alert), so a finding on 40
 * lines is one alert to triage, not 40. Accepted findings are kept, as suppressed results, so
 * that the acceptance and its reason stay visible.
 */
import type { Finding, Location, Report, RuleInfo, Verdict } from '../types.js';
import { escapeRuleText, safeUrl, wellFormed } from './escape.js';
import { findingFingerprints, sortedPlaces } from './fingerprint.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';

/** The key of our partial fingerprint; bump the version if its recipe ever changes. */
export const FINGERPRINT_KEY = 'architectureReview/v1';

export type SarifLevel = 'warning' | 'note';

/** A question is worth a warning; recommendations and notes are notes (SARIF has no "good"). */
export const SARIF_LEVEL: Record<Verdict, SarifLevel> = {
  question: 'warning',
  recommend: 'note',
  info: 'note',
};

export interface SarifTool {
  name: string;
  version: string;
  informationUri: string;
}

/** The subset of SARIF 2.1.0 this renderer writes. */
export interface SarifMessage {
  text: string;
  markdown?: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region?: { startLine: number };
    };
  }>;
  relatedLocations?: Array<{
    id: number;
    physicalLocation: SarifResult['locations'][number]['physicalLocation'];
    message: SarifMessage;
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: 'external' | 'inSource'; status: 'accepted'; justification: string }>;
  properties: { verdict: Verdict; service: string; signal: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: SarifTool & { rules: SarifReportingDescriptor[] } };
    results: SarifResult[];
    properties: { conclusion: Report['conclusion']; mode: Report['mode'] };
    /** A fleet report's run names its repository and commit. */
    versionControlProvenance?: Array<{ repositoryUri: string; revisionId?: string }>;
    automationDetails?: { id: string };
  }>;
}

/** `golang-unjustified` → `GolangUnjustified`: SARIF's `name` is an identifier, unlike `id`. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function descriptorOf(rule: RuleInfo): SarifReportingDescriptor {
  const docs = safeUrl(rule.docs);
  const helpText = [rule.reason, rule.alternative ? `Instead: ${rule.alternative}` : ''].filter(Boolean).join('\n\n');
  const helpMarkdown = [
    escapeRuleText(rule.reason),
    rule.alternative ? `**Instead:** ${escapeRuleText(rule.alternative)}` : '',
    docs ? `[Documentation](${docs})` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const descriptor: SarifReportingDescriptor = {
    id: rule.id,
    name: pascalCase(rule.id) || rule.id,
    shortDescription: { text: rule.title || rule.id },
    fullDescription: { text: rule.reason || rule.title || rule.id },
    help: { text: helpText || rule.id, markdown: helpMarkdown || rule.id },
    defaultConfiguration: { level: SARIF_LEVEL[rule.verdict] },
    properties: { tags: ['architecture', 'concurrency', rule.verdict] },
  };
  // helpUri must be a valid URI; docs of a user rule might not be one.
  if (docs) descriptor.helpUri = docs;
  return descriptor;
}

/** A rule the findings name but the table lacks (should not happen): described from the finding. */
function ruleFromFinding(f: Finding): RuleInfo {
  return {
    id: f.rule,
    title: f.detail.title,
    verdict: f.verdict,
    reason: f.detail.reason,
    alternative: f.detail.alternative,
    docs: f.detail.docs,
  };
}

/** A repository-relative path as a URI reference: each segment percent-encoded (spaces, `#`, `%`). */
function pathToUri(path: string): string {
  return wellFormed(path)
    .replace(/^\.?\/+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** GitHub code scanning keeps at most 1,000 related locations per result. */
export const MAX_RELATED_LOCATIONS = 1000;

function physicalLocation(loc: Location): SarifResult['locations'][number]['physicalLocation'] {
  return {
    artifactLocation: { uri: pathToUri(loc.path), uriBaseId: '%SRCROOT%' },
    ...(loc.line >= 1 ? { region: { startLine: loc.line } } : {}),
  };
}


/** Who accepted, in a few words, for the suppression's justification. */
function acceptedByWhom(f: Finding): string {
  const by = f.acceptedBy;
  if (!by) return 'accepted';
  if (by.kind === 'label') return by.label ? `label ${by.label}` : 'label';
  if (by.kind === 'comment') return by.login ? `comment by ${by.login}` : 'comment';
  return by.kind === 'inline' ? 'inline comment' : 'profile accept: entry';
}

function suppressionsOf(f: Finding): SarifResult['suppressions'] {
  if (!f.accepted) return undefined;
  const by = f.acceptedBy;
  // An inline comment lives in the source; the profile and the label are outside it.
  const kind = by?.kind === 'inline' ? 'inSource' : 'external';
  const who = acceptedByWhom(f);
  const justification = by?.reason ? `${who}: ${by.reason}` : who;
  return [{ kind, status: 'accepted', justification }];
}

/**
 * Renders SARIF 2.1.0.
 *
 * @param report the report
 * @param rules the rule table (every rule of the run, in its order); a rule a finding names but
 *   the table lacks is added, described from the finding
 * @param tool the driver's name, version and information URI
 * @returns the SARIF log as pretty-printed JSON with a trailing newline
 */
export function renderSarif(report: Report, rules: RuleInfo[], tool: SarifTool): string {
  return `${JSON.stringify(toSarifLog(report, rules, tool), null, 2)}\n`;
}

/** The SARIF log as a plain object (see {@link renderSarif}). */
export function toSarifLog(report: Report, rules: RuleInfo[], tool: SarifTool): SarifLog {
  const table: RuleInfo[] = [];
  const index = new Map<string, number>();
  const addRule = (rule: RuleInfo): void => {
    if (index.has(rule.id)) return;
    index.set(rule.id, table.length);
    table.push(rule);
  };
  rules.forEach(addRule);
  report.findings.forEach((f) => addRule(ruleFromFinding(f)));

  const fingerprints = findingFingerprints(report);
  const results: SarifResult[] = [];
  for (const [i, f] of report.findings.entries()) {
    const [first, ...others] = sortedPlaces(f, report.profile.path);
    const related = others.slice(0, MAX_RELATED_LOCATIONS);
    let text = f.message || f.detail.title || f.rule;
    if (others.length > 0) {
      text += ` Also at ${others.length} more place(s)${others.length > related.length ? `, the first ${related.length} listed as related locations` : ', listed as related locations'}.`;
    }
    const result: SarifResult = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: SARIF_LEVEL[f.verdict],
      message: { text },
      locations: [{ physicalLocation: physicalLocation(first) }],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((loc, i) => ({
              id: i + 1,
              physicalLocation: physicalLocation(loc),
              message: { text: loc.evidence !== undefined ? wellFormed(loc.evidence).trim().slice(0, 200) : `line ${loc.line}` },
            })),
          }
        : {}),
      // The finding is the rule in a service; its first place names it across runs.
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i]! },
      properties: { verdict: f.verdict, service: f.service, signal: f.signal },
    };
    const suppressions = suppressionsOf(f);
    if (suppressions) result.suppressions = suppressions;
    results.push(result);
  }

  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: table.map(descriptorOf),
          },
        },
        results,
        properties: { conclusion: report.conclusion, mode: report.mode },
      },
    ],
  };
}
