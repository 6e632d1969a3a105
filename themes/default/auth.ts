// The page a provider sign-in ends on: tells the opener (popup flow) and says so in words for when no script runs.
import { html } from '../../src/kernel/html.js';

export interface SignedInPageVM {
  readonly siteTitle: string;
  readonly language: string;
  readonly stylesheetHref: string;
  /** The first-party script that notifies the opener and closes the popup (no inline script: CSP). */
  readonly scriptHref: string;
  /** The site's origin: the only one the opener's message may be delivered to. */
  readonly origin: string;
  /** "Google", "Keycloak"…: "You are signed in with your Google account." */
  readonly providerLabel: string;
  /** Where the link back leads (the page the reader came from). */
  readonly backHref: string;
}

export function renderSignedInPage(vm: SignedInPageVM): string {
  return `<!doctype html>${html`<html lang="${vm.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Signed in – ${vm.siteTitle}</title>
<link rel="stylesheet" href="${vm.stylesheetHref}">
<script src="${vm.scriptHref}" defer></script>
</head>
<body>
<main id="content" class="site-main auth-result" data-quire-auth="signed-in" data-origin="${vm.origin}">
<h1>You are signed in</h1>
<p>You are signed in with your ${vm.providerLabel} account. You can close this window.</p>
<p><a href="${vm.backHref}">Back to ${vm.siteTitle}</a></p>
</main>
</body>
</html>`}`;
}
