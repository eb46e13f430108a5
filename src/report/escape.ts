/**
 * Escaping for everything taken from the repository (file paths, code lines, service names,
 * reasons written in inline comments) before it lands in a GitHub comment, a job summary or a
 * terminal. Pure functions; the markdown renderer is their main user.
 *
 * The threat: a pull request controls file names and code lines, and whatever the comment
 * shows of them. It must not be able to
 * - inject markdown or HTML (links, images, headings, tables, `<details>`, entities), which
 *   could fake a verdict, hide findings or smuggle a tracking image;
 * - write the hidden marker `<!-- architecture-review -->` a second time, which could make the
 *   publisher update the wrong comment;
 * - ping people or teams (`@user`, `@org/team`) or cross-reference issues (`#123`, `GH-123`,
 *   `owner/repo#1`, issue URLs), which would notify strangers from our bot's account;
 * - break the layout with newlines, or hide text with bidi overrides (the "Trojan source"
 *   trick) or terminal escape sequences.
 */

/** The ellipsis that marks a cut: one character, so a cut string is exactly `max` long. */
export const ELLIPSIS = '…';

/**
 * U+200B ZERO WIDTH SPACE, put after `@`, after `#` before digits, in `://` and `www.`.
 *
 * Why not a backslash or an entity alone: GitHub links `@user` and `#123` in a pass over the
 * *rendered HTML text* (its mention and issue-reference filters walk the text nodes of the HTML
 * that the markdown parser produced), and by then the parser has already turned `\@` and `&#64;`
 * back into a plain `@`. So neither can be relied on to stop a ping (GitHub documents no escape
 * for mentions; we could not check the live renderer from here). A zero-width character
 * between `@` and the name survives rendering as a real character, so the filters, which want an
 * alphanumeric right after `@` or `#`, no longer match: this is what Dependabot (U+200B) and
 * Renovate (`@&#8203;`) do in the release notes they quote. The same character stops `GH-123`
 * and the GFM autolink extension (`http://`, `www.`, `a@b.org`), whose patterns need those
 * characters to be adjacent. `@` is also backslash-escaped, for parsers that autolink e-mail
 * addresses with Unicode domains (markdown-it's linkify).
 *
 * Code spans need none of this: GitHub neither mentions nor links inside `code`.
 */
const ZWSP = '\u200B';

/**
 * Characters that are removed outright: invisible format characters that can reorder or hide
 * text (bidi embeddings/overrides U+202A–U+202E, isolates U+2066–U+2069, marks U+200E/U+200F,
 * U+061C) and zero-width characters (including our own ZWSP, so that input cannot pre-place one
 * where we rely on it, and the BOM). Soft hyphen and the invisible math operators too.
 */
const INVISIBLE_RE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/**
 * Characters that become a space: C0 controls (NUL, TAB, CR, LF, ESC, …), DEL, C1 controls and
 * the Unicode line/paragraph separators. ESC matters for the terminal renderer: a code line
 * must not be able to send ANSI sequences to the reader's terminal.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_RE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/** Unpaired surrogates (from a cut or from binary input) become U+FFFD, so JSON and HTML stay valid. */
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Cuts `text` to at most `max` UTF-16 code units, ending with an ellipsis when cut, without
 * splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  // Do not leave the high half of a pair at the end.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * Makes untrusted text safe to show on one line anywhere (terminal, SARIF, annotation): removes
 * invisible and bidi characters, turns control characters (newlines, NUL, ESC) into spaces,
 * collapses runs of whitespace, trims, and cuts to `max` characters with an ellipsis.
 *
 * @param text untrusted text
 * @param max maximum length of the result, in UTF-16 code units (default 1000)
 */
export function sanitizeText(text: string, max = 1000): string {
  const oneLine = normalize(text).replace(/\s+/g, ' ').trim();
  return truncate(oneLine, max);
}

/**
 * Replaces unpaired surrogates by U+FFFD, so that the text can be URI-encoded (which throws on
 * them) or hashed consistently. Like `String.prototype.toWellFormed`, which is newer than our
 * TypeScript lib setting.
 */
export function wellFormed(text: string): string {
  return String(text).replace(LONE_SURROGATE_RE, '\uFFFD');
}

/** Removes invisible characters, replaces controls by spaces, repairs lone surrogates. */
function normalize(text: string): string {
  return wellFormed(text).replace(INVISIBLE_RE, '').replace(CONTROL_RE, ' ');
}

/**
 * The ASCII punctuation that can open or close an inline markdown construct anywhere in a line:
 * emphasis and strikethrough (`* _ ~`), code (`` ` ``), links, images and footnotes (`[ ] ( )`),
 * HTML, autolinks and block quotes (`< >`), entities (`&`), table cells (`|`), math (`$`), the
 * backslash itself, and `@` (e-mail autolinks in parsers that run them on escaped text too; the
 * zero-width space is what stops GitHub's mentions). CommonMark lets any ASCII punctuation be backslash-escaped, and an escaped
 * character is always literal text.
 */
const MARKDOWN_PUNCTUATION_RE = /[\\`*_{}[\]()<>|~&$@]/g;

/**
 * Block markers only count at the start of a line: headings (`#`), list items (`-`, `+`, `1.`,
 * `1)`), setext underlines and thematic breaks (`=`, `-`). Text is always one line here, so
 * escaping them at its start is enough (and keeps `my-file.py` readable in the raw comment and
 * in e-mail notifications, which show the raw markdown).
 */
const BLOCK_START_RE = /^(?:[#+\-=]|\d+(?=[.)]))/;

/** Breaks mentions, issue references and autolinks with a zero-width space (see {@link ZWSP}). */
function breakReferences(text: string): string {
  return text
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${ZWSP}`)
    .replace(/:(?=\/\/)/g, `:${ZWSP}`)
    .replace(/\b(www)(?=\.)/gi, `$1${ZWSP}`);
}

/**
 * Escapes untrusted text for use inside a line of GitHub-flavoured markdown (a paragraph, a
 * list item, a heading): one line, no markdown or HTML construct, no entity, no mention, no
 * issue reference, no autolink, at most `max` characters of visible text (the escaped string is
 * longer: backslashes and zero-width spaces are added).
 *
 * @param text untrusted text
 * @param max maximum visible length before escaping (default 1000)
 */
export function escapeInline(text: string, max = 1000): string {
  return escapeSanitized(sanitizeText(text, max));
}

/** The markdown escaping proper, for text that {@link sanitizeText} already made one line. */
function escapeSanitized(safe: string): string {
  return breakReferences(safe)
    .replace(MARKDOWN_PUNCTUATION_RE, (c) => `\\${c}`)
    .replace(BLOCK_START_RE, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/**
 * Escapes untrusted text for a cell of a GFM table. {@link escapeInline} already escapes `|`
 * with a backslash, which GFM's table parser honours (it unescapes `\|` before the inline pass,
 * and `\\\|` correctly renders as `\|`); an empty cell becomes a single space so that the row
 * keeps its column count.
 *
 * @param text untrusted text
 * @param max maximum visible length (default 200)
 */
export function escapeTableCell(text: string, max = 200): string {
  const cell = escapeInline(text, max);
  return cell === '' ? ' ' : cell;
}

/**
 * Renders untrusted text as a markdown code span, delimiters included.
 *
 * Inside a code span nothing is markup: no emphasis, link, HTML or entity, and GitHub does not
 * turn `@user` or `#123` into mentions or references there either, so the text is shown as it
 * is, except that:
 * - it is put on one line (a newline would end the span's paragraph) and cut to `max`;
 * - the fence is one backtick longer than the longest run of backticks inside, so the text
 *   cannot close it (CommonMark: a span ends at a backtick string of the *same* length);
 * - it is padded with a space on each side when it starts or ends with a backtick or a space:
 *   CommonMark strips exactly one space from each side when both are there, so the padding is
 *   invisible and the text's own edge characters survive;
 * - `<!--` gets a word joiner after `<`: a code span is literal in the rendered comment, but the
 *   publisher finds its comment by searching the raw body for the marker, so the raw body must
 *   not contain a second `<!-- architecture-review -->`.
 *
 * Not for table cells: GFM splits cells on `|` even inside code spans; use
 * {@link escapeTableCell} there.
 *
 * @param text untrusted text
 * @param max maximum length of the code, before delimiters (default 200)
 * @returns the code span, or an empty string when there is no text
 */
export function escapeCode(text: string, max = 200): string {
  const code = truncate(normalize(text).trim(), max).replace(/<!--/g, '<\u2060!--');
  if (code === '') return '';
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(code) ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/**
 * Text written by rule authors (title, reason, alternative, hint), which may hold code in single
 * backticks (`` `low-latency: true` ``) and placeholders filled from the profile. Code spans are
 * kept as code (re-rendered by {@link escapeCode}); everything else is escaped as
 * {@link escapeInline}. An unmatched backtick is literal text.
 *
 * @param text rule text, possibly filled with profile values
 * @param max maximum visible length (default 1000)
 */
export function escapeRuleText(text: string, max = 1000): string {
  // Split keeps the captured code spans at odd indices.
  return sanitizeText(text, max)
    .split(/(`[^`]+`)/)
    .map((piece, i) => (i % 2 === 1 ? escapeCode(piece.slice(1, -1), Infinity) : escapeSanitized(piece)))
    .join('');
}

/**
 * A URL that can be put in a markdown link target as it is, or null: only `http(s)` URLs without
 * whitespace, quotes, angle brackets, backslashes or parentheses (which could end the target or
 * start a title), and nothing outside printable ASCII. Used for rule docs links, which come from rule files rather than the PR, but
 * user rules are still data.
 */
export function safeUrl(url: string): string | null {
  // Printable ASCII only, so no control, invisible or look-alike character either.
  return /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$/i.test(url) ? url : null;
}

/**
 * `@login`, linked to `url` when it is a safe link, written so that it pings nobody: the `@`
 * gets the zero-width space of {@link escapeInline}, so GitHub's mention filter skips it.
 */
export function personLink(login: string, url: string | undefined): string {
  const name = escapeInline(`@${login}`, 100);
  const href = url ? safeUrl(url) : null;
  return href ? `[${name}](${href})` : name;
}
