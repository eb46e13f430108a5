/**
 * Reading YAML configuration (the profile, rule files) with every problem placed at its line
 * and column. Generic: the schemas live with their users (`profile/`, `rules/`).
 */
export { parseYamlDocument, parseYamlWithSource, type ParseYamlOptions, type ParsedYaml, type YamlLimits } from './parse-yaml.js';
export { positionOf, problemAt, hasNode, type Position, type PositionPart, type YamlSource } from './yaml-source.js';
export { nameKeys } from './schema-walk.js';
export { closestMatches, didYouMean, editDistance } from './suggest.js';
export { describeValue, displayPath, formatPath, type ConfigPath } from './describe.js';
