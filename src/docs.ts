/** The version the CLI and the action report; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/**
 * The README that documents every rule; comments link to `DOCS_URL#<rule-id>`. The action
 * replaces it with the README of the exact version that runs (see `docsUrlFor`).
 */
export const DOCS_URL = 'https://github.com/architecture-review/architecture-review/blob/main/README.md';

/** The README of the action's own repository and ref, when GitHub says which they are. */
export function docsUrlFor(actionRepository: string | undefined, actionRef: string | undefined): string {
  if (!actionRepository || !/^[\w.-]+\/[\w.-]+$/.test(actionRepository)) return DOCS_URL;
  const ref = actionRef && /^[\w./-]+$/.test(actionRef) ? actionRef : 'main';
  return `https://github.com/${actionRepository}/blob/${ref}/README.md`;
}
