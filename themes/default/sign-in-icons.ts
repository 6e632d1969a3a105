// The sign-in icons of the comment form: small first-party inline SVGs (no image from another site), drawn in
// currentColor so the stylesheet gives each its colour. Recognisable, not the providers' trademarked artwork.
import { type SafeHtml, trustedHtml } from '../../src/kernel/html.js';

const STROKE = 'fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round"';

/** Each icon's drawing inside a 24×24 box; constants, so trusted as HTML. */
const DRAWINGS: Readonly<Record<string, string>> = {
  // A "G": an open circle with its bar.
  google: `<path ${STROKE} stroke-width="3" d="M19.2 8.4A8 8 0 1 0 20 12h-7.5"/>`,
  // A lowercase "f".
  facebook: '<path fill="currentColor" d="M13.6 21v-7.6h2.6l.4-3h-3V8.5c0-.9.3-1.4 1.5-1.4h1.6V4.4a21 21 0 0 0-2.3-.1c-2.3 0-3.9 1.4-3.9 4v2.1H7.9v3h2.6V21z"/>',
  // An "X".
  x: `<path ${STROKE} stroke-width="2.6" d="M5.5 4.5l13 15M18.5 4.5l-13 15"/>`,
  // A "W" in a ring.
  wordpress: `<circle ${STROKE} stroke-width="1.6" cx="12" cy="12" r="9.2"/><path ${STROKE} stroke-width="1.9" d="M6.4 8.6l2.9 8.1L12 9.4l2.7 7.3 2.9-8.1"/>`,
  // The cat in a circle, simplified.
  github:
    '<path fill="currentColor" d="M12 2.5a9.5 9.5 0 0 0-3 18.5c.5.1.7-.2.7-.5v-1.7c-2.7.6-3.3-1.2-3.3-1.2-.4-1.1-1.1-1.4-1.1-1.4-.9-.6.1-.6.1-.6 1 .1 1.5 1 1.5 1 .9 1.5 2.3 1.1 2.9.8.1-.6.3-1.1.6-1.3-2.1-.2-4.4-1.1-4.4-4.7 0-1 .4-1.9 1-2.6-.1-.2-.4-1.2.1-2.6 0 0 .8-.3 2.6 1a9 9 0 0 1 4.8 0c1.8-1.3 2.6-1 2.6-1 .5 1.4.2 2.4.1 2.6.6.7 1 1.6 1 2.6 0 3.7-2.3 4.5-4.4 4.7.3.3.7.9.7 1.8v2.6c0 .3.2.6.7.5A9.5 9.5 0 0 0 12 2.5z"/>',
  // A key: any OpenID Connect provider.
  oidc: `<circle ${STROKE} stroke-width="2.2" cx="7.5" cy="12" r="4"/><path ${STROKE} stroke-width="2.2" d="M11.5 12h9M17.5 12v3.5M20.5 12v2.5"/>`,
  // A person: the site's own account.
  site: '<circle fill="currentColor" cx="12" cy="7.8" r="4.3"/><path fill="currentColor" d="M3.8 21a8.2 8.2 0 0 1 16.4 0z"/>',
  // An envelope: a sign-in link by e-mail.
  email: `<rect ${STROKE} stroke-width="2" x="3" y="5" width="18" height="14" rx="2"/><path ${STROKE} stroke-width="2" d="M3.8 6.6L12 13l8.2-6.4"/>`,
};

/** The icon of a way to sign in (a key for any provider without one of its own); decorative: the link names it. */
export function signInIcon(id: string): SafeHtml {
  const drawing = DRAWINGS[id] ?? DRAWINGS.oidc ?? '';
  return trustedHtml(`<svg class="sign-in-svg" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">${drawing}</svg>`);
}
