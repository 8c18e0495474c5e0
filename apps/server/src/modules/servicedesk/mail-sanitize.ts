import sanitizeHtml from 'sanitize-html';

/** Keep at most this much sanitized HTML per mail; the plain text is always kept in full (up to the ticket limit). */
const MAX_HTML_CHARS = 200_000;

/**
 * HTML of an inbound mail made safe to show in the desk: no scripts, styles, event handlers, forms or frames;
 * links only to http(s)/mailto and opened in a new tab without the opener; images only inline (cid:/data:) so that
 * opening a ticket does not call a sender's tracking pixel.
 */
export function sanitizeMailHtml(html: string): string {
  const clean = sanitizeHtml(html, options);
  // Cutting may split a tag; a second pass closes or drops the remainder.
  return clean.length > MAX_HTML_CHARS ? sanitizeHtml(clean.slice(0, MAX_HTML_CHARS), options) : clean;
}

const options: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span'],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    table: ['border', 'cellpadding', 'cellspacing'],
    font: ['color'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
};

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * The plain text of an HTML-only mail, taken from the sanitized HTML (so link targets and removed scripts never
 * reach the ticket body): block ends become line breaks, tags go, the entities sanitize-html writes are decoded.
 */
export function plainTextOfHtml(safeHtml: string): string {
  const withBreaks = safeHtml.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre|table)>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (m, e: string) => {
      if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
      return entities[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
