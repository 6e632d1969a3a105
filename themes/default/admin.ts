// The staff screens under /admin/: a plain frame (no public sidebar), the landing page and comment moderation.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type {
  AdminDashboardVM, AdminLayoutVM, ModerationActionVM, ModerationCommentVM, ModerationVM, PaginationVM,
} from '../view-models.js';

export function renderAdminLayout(vm: AdminLayoutVM, main: SafeHtml): string {
  return `<!doctype html>${html`<html lang="${vm.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${vm.pageTitle} ‹ ${vm.siteTitle}</title>
<link rel="stylesheet" href="${vm.stylesheetHref}">
</head>
<body class="admin">
<a class="skip-link" href="#content">Skip to content</a>
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
<main id="content" class="admin-main" tabindex="-1">
${main}
</main>
</body>
</html>`}`;
}

export function renderDashboard(vm: AdminDashboardVM): SafeHtml {
  return html`<section class="admin-dashboard">
  <h1>${vm.heading}</h1>
  <p>You are signed in as <strong>${vm.roleLabel}</strong>.</p>
  <ul class="admin-links">${vm.links.map((l) => html`<li><a href="${l.href}">${l.label}</a> <span class="admin-note">${l.note}</span></li>`)}</ul>
</section>`;
}

export function renderModeration(vm: ModerationVM): SafeHtml {
  return html`<section class="moderation">
  <h1>${vm.heading}</h1>
  ${vm.notice ? html`<p class="admin-notice" role="status">${vm.notice}</p>` : ''}
  <nav aria-label="Comments by status"><ul class="moderation-tabs">${vm.tabs.map(
    (t) => html`<li><a href="${t.href}"${t.current ? html` aria-current="page"` : ''}>${t.label} <span class="count">(${t.count})</span></a></li>`,
  )}</ul></nav>
  ${vm.comments.length > 0
    ? html`<ol class="moderation-list">${vm.comments.map((c) => renderModerationComment(c, vm))}</ol>`
    : html`<p class="no-results">${vm.emptyMessage}</p>`}
  ${renderAdminPagination(vm.pagination)}
</section>`;
}

function renderModerationComment(c: ModerationCommentVM, vm: ModerationVM): SafeHtml {
  return html`<li class="moderation-item" id="comment-${c.id}">
  <p class="moderation-meta"><strong class="moderation-author">${c.authorName}</strong>
    <a class="moderation-email" href="mailto:${c.authorEmail}">${c.authorEmail}</a>
    on <a class="moderation-post" href="${c.post.href}">${c.post.label}</a>,
    <time datetime="${c.dateIso}">${c.dateText}</time></p>
  <p class="moderation-excerpt">${c.excerpt}</p>
  <div class="moderation-actions">${c.actions.map((a) => renderAction(a, c, vm))}</div>
</li>`;
}

function renderAction(action: ModerationActionVM, c: ModerationCommentVM, vm: ModerationVM): SafeHtml {
  if (action.ban) return renderBanAction(action, action.ban.durations, c, vm);
  // Many buttons share a label: screen readers also hear whose comment each one acts on.
  return html`<form method="post" action="${action.href}">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.hidden.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}
    <button type="submit"${action.destructive ? html` class="destructive"` : ''}>${action.label}<span class="visually-hidden"> the comment by ${c.authorName}</span></button>
  </form>`;
}

/** Banning asks for more than a click: a reason and how long, folded away until wanted (no script needed). */
function renderBanAction(
  action: ModerationActionVM, durations: readonly { readonly value: string; readonly label: string }[], c: ModerationCommentVM, vm: ModerationVM,
): SafeHtml {
  const id = `ban-${c.id}`;
  return html`<details class="moderation-ban"><summary>${action.label}<span class="visually-hidden"> the author of the comment by ${c.authorName}</span></summary>
  <form method="post" action="${action.href}">
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    ${vm.hidden.map((h) => html`<input type="hidden" name="${h.name}" value="${h.value}">`)}
    <p class="field"><label for="${id}-reason">Reason</label><input id="${id}-reason" name="reason" type="text" maxlength="500"></p>
    <p class="field"><label for="${id}-duration">For</label><select id="${id}-duration" name="duration">${durations.map(
      (d) => html`<option value="${d.value}"${d.value === 'forever' ? html` selected` : ''}>${d.label}</option>`,
    )}</select></p>
    <p class="admin-note">Bans the e-mail address and IP address of this comment, and marks it as spam.</p>
    <button type="submit" class="destructive">Ban the author</button>
  </form>
</details>`;
}

function renderAdminPagination(p: PaginationVM): SafeHtml {
  if (p.pages <= 1) return html``;
  return html`<nav class="pagination" aria-label="Pages of comments">
  ${p.newerHref ? html`<a href="${p.newerHref}">Newer</a>` : ''}
  <span>Page ${p.page} of ${p.pages}</span>
  ${p.olderHref ? html`<a href="${p.olderHref}">Older</a>` : ''}
</nav>`;
}
