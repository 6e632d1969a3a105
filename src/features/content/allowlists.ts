// What HTML each trust level may keep. WordPress's unfiltered_html, done with allowlists instead.
import type { IOptions, Transformer } from 'sanitize-html';

/** unfiltered: administrators and editors; safe: authors and contributors; comment: readers. */
export type HtmlTrust = 'unfiltered' | 'safe' | 'comment';

const linkSchemes = ['http', 'https', 'mailto'];

const commentTags = [
  'a', 'abbr', 'acronym', 'b', 'blockquote', 'cite', 'code', 'del', 'em', 'i', 'q', 's', 'strike', 'strong',
  'p', 'br', 'ul', 'ol', 'li', 'pre',
];

const safeTags = [
  ...commentTags,
  'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ins', 'mark', 'kbd', 'samp', 'sub', 'sup', 'small', 'span',
  'img', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'details', 'summary',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
];

const unfilteredTags = [
  ...safeTags,
  'h1', 'div', 'section', 'aside', 'iframe', 'video', 'audio', 'source', 'track', 'picture',
];

const mediaSchemes = { img: ['http', 'https'], source: ['https'], video: ['https'], audio: ['https'], track: ['https'] };

/**
 * A code block wider than the column scrolls; keyboard users can only scroll what takes focus (WCAG 2.1.1, axe's
 * scrollable-region-focusable), so every pre is focusable — whatever tabindex the writer typed.
 */
const focusablePre: Transformer = (tagName, attribs) => ({ tagName, attribs: { ...attribs, tabindex: '0' } });

const base: IOptions = {
  allowedSchemes: linkSchemes,
  allowedSchemesByTag: mediaSchemes,
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'poster', 'srcset'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
};

export const allowlists: Readonly<Record<HtmlTrust, IOptions>> = {
  comment: {
    ...base,
    allowedTags: commentTags,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      abbr: ['title'],
      acronym: ['title'],
      blockquote: ['cite'],
      del: ['datetime'],
      q: ['cite'],
      ol: ['start'],
      pre: ['tabindex'],
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc' } }),
      pre: focusablePre,
    },
  },
  safe: {
    ...base,
    allowedTags: safeTags,
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      abbr: ['title'],
      blockquote: ['cite'],
      q: ['cite'],
      del: ['datetime'],
      ins: ['datetime'],
      ol: ['start', 'reversed'],
      img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
      th: ['align', 'scope', 'colspan', 'rowspan'],
      td: ['align', 'colspan', 'rowspan'],
      code: ['class'],
      details: ['open'],
      pre: ['tabindex'],
    },
    allowedClasses: { code: ['language-*'] },
    transformTags: { pre: focusablePre },
  },
  unfiltered: {
    ...base,
    allowedTags: unfilteredTags,
    allowedAttributes: {
      '*': ['class', 'title', 'lang', 'dir'],
      a: ['href', 'rel', 'hreflang'],
      blockquote: ['cite'],
      q: ['cite'],
      del: ['datetime'],
      ins: ['datetime'],
      ol: ['start', 'reversed', 'type'],
      img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading'],
      th: ['align', 'scope', 'colspan', 'rowspan'],
      td: ['align', 'colspan', 'rowspan'],
      details: ['open'],
      iframe: ['src', 'width', 'height', 'allow', 'allowfullscreen', 'loading', 'referrerpolicy', 'sandbox'],
      video: ['src', 'poster', 'controls', 'width', 'height', 'loop', 'muted', 'playsinline', 'preload'],
      audio: ['src', 'controls', 'loop', 'preload'],
      source: ['src', 'srcset', 'type', 'media', 'sizes'],
      track: ['src', 'kind', 'srclang', 'label', 'default'],
      pre: ['tabindex'],
    },
    allowedSchemesByTag: { ...mediaSchemes, iframe: ['https'] },
    // A relative src has no scheme to check, so it would slip past the https-only rule above.
    allowIframeRelativeUrls: false,
    transformTags: {
      pre: focusablePre,
      // Embedded pages run sandboxed: scripts yes, but never with our origin or top navigation.
      iframe: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, sandbox: 'allow-scripts allow-popups allow-presentation', loading: 'lazy' },
      }),
    },
  },
};
