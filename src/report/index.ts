/**
 * The report stage: pure renderers from a `Report` to text, markdown (the PR comment), JSON
 * (SPEC 8) and SARIF 2.1.0, and the escaping they rely on.
 */
export { renderText } from './text.js';
export type { TextOptions } from './text.js';
export { COMMENT_MARKER, DEFAULT_MAX_LENGTH, MAX_LISTED_LOCATIONS, renderMarkdown } from './markdown.js';
export type { MarkdownOptions } from './markdown.js';
export { renderJson, toJsonReport } from './json.js';
export type { JsonAcceptedBy, JsonFinding, JsonReport, JsonService, JsonSignal } from './json.js';
export { renderSarif, toSarifLog, SARIF_LEVEL } from './sarif.js';
export type { SarifLog, SarifTool } from './sarif.js';
export { escapeCode, escapeInline, escapeRuleText, escapeTableCell, safeUrl, sanitizeText, truncate } from './escape.js';
export { countFindings, groupFindings } from './outline.js';
