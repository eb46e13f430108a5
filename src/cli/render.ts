import { DOCS_URL, VERSION } from '../docs.js';
import type { FleetReport } from '../fleet.js';
import { renderFleetJson, renderFleetMarkdown, renderFleetSarif, renderFleetText } from '../report/fleet.js';
import { renderJsonChunks } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { toRuleInfo } from '../rules/rule-info.js';
import type { Rule } from '../rules/schema.js';
import type { Report } from '../types.js';
import type { Format } from './args.js';

/**
 * The report in the format asked for on the command line, as pieces to write in order: the
 * JSON report of a large audit is written as it is rendered, never held whole.
 */
export function renderReport(
  report: Report,
  rules: Rule[],
  format: Format,
  options: { color: boolean; docsUrl: string },
): Iterable<string> {
  return format === 'json' ? renderJsonChunks(report) : [renderWhole(report, rules, format, options)];
}

function renderWhole(report: Report, rules: Rule[], format: Format, options: { color: boolean; docsUrl: string }): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(report);
    case 'sarif':
      return renderSarif(
        report,
        rules.map((r) => toRuleInfo(r, options.docsUrl)),
        { name: 'architecture-review', version: VERSION, informationUri: options.docsUrl },
      );
    default:
      return renderText(report, { color: options.color });
  }
}

/** A fleet report (`merge` of several repositories' audits) in the format asked for. */
export function renderFleet(fleet: FleetReport, format: Format): Iterable<string> {
  switch (format) {
    case 'json':
      return renderFleetJson(fleet);
    case 'markdown':
      return [renderFleetMarkdown(fleet)];
    case 'sarif':
      return [renderFleetSarif(fleet, { name: 'architecture-review', version: VERSION, informationUri: DOCS_URL })];
    default:
      return [renderFleetText(fleet)];
  }
}
