// The staff screens under /admin/: a plain frame (no public sidebar); the Dashboard and Comments screens are re-exported.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { AdminLayoutVM } from '../view-models.js';

export function renderAdminLayout(vm: AdminLayoutVM, main: SafeHtml): string {
  return `<!doctype html>${html`<html lang="${vm.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${vm.pageTitle} ‹ ${vm.siteTitle}</title>
<link rel="stylesheet" href="${vm.stylesheetHref}">
${(vm.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body class="admin">
<a class="skip-link" href="#admin-main">Skip to content</a>
<header class="admin-header">
  <p class="admin-site"><a href="/">${vm.siteTitle}</a></p>
  ${vm.nav.length > 0
    ? html`<nav class="admin-nav" aria-label="Administration"><ul>${vm.nav.map(
        (item) => html`<li><a href="${item.href}"${item.current ? html` aria-current="page"` : ''}>${item.label}${
          item.count ? html` <span class="admin-count">${item.count}</span>` : ''
        }</a></li>`,
      )}</ul></nav>`
    : ''}
  ${vm.session
    ? html`<form class="admin-logout" method="post" action="${vm.session.logoutAction}">
    <input type="hidden" name="_csrf" value="${vm.session.csrfToken}">
    <span class="admin-user">${vm.session.displayName}</span> <button type="submit">Log Out</button>
  </form>`
    : ''}
</header>
<main id="admin-main" class="admin-main" tabindex="-1">
${main}
</main>
</body>
</html>`}`;
}

// The Dashboard and the Comments screen live in files of their own.
export { renderDashboard } from './admin-dashboard.js';
export { renderCommentEdit, renderModeration } from './admin-moderation.js';
