/**
 * A CommonMark/GFM parser (markdown-it: tables and strikethrough like GitHub, HTML allowed like
 * GitHub's comments) for asserting on the structure a renderer produces, rather than on strings.
 * GitHub-only features markdown-it does not model (mentions, issue references, math) are checked
 * on the text tokens by {@link githubReferences}.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';

export type { Token };

const md = new MarkdownIt({ html: true, linkify: true });
// GFM autolinks need a scheme or `www.`; fuzzy links would turn `main.py` (Paraguay) into a link.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

/** All tokens, block and inline, in document order. */
export function parseGfm(markdown: string): Token[] {
  const out: Token[] = [];
  for (const token of md.parse(markdown, {})) {
    out.push(token);
    if (token.children) out.push(...token.children);
  }
  return out;
}

/** The inline children of the first paragraph (or table cell) of `markdown`. */
export function inlineTokens(markdown: string): Token[] {
  const inline = md.parse(markdown, {}).find((t) => t.type === 'inline');
  return inline?.children ?? [];
}

/** A token's type with nesting, e.g. `strong_open`, and for headings/cells its tag: a structural fingerprint. */
export function structure(tokens: Token[]): string[] {
  return tokens.filter((t) => t.type !== 'text').map((t) => (t.tag && t.type !== 'code_inline' ? `${t.type}:${t.tag}` : t.type));
}

/**
 * Text a GitHub comment would turn into a ping, an issue reference or an autolink: GitHub runs
 * these on the text of the rendered HTML, outside code and links, so text tokens are what counts.
 */
export function githubReferences(tokens: Token[]): string[] {
  const patterns = [
    /(?:^|[^A-Za-z0-9_`])@[A-Za-z0-9]/, // @user, @org/team
    /#\d/, // #123, owner/repo#1
    /\bGH-\d/i,
    /[A-Za-z][A-Za-z0-9+.-]*:\/\//, // scheme:// autolinks
    /\bwww\./i,
  ];
  return tokens
    .filter((t) => t.type === 'text')
    .map((t) => t.content)
    .filter((text) => patterns.some((p) => p.test(text)));
}

export const ZWSP = '\u200B';
