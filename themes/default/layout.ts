// The page frame: header with menu, main column, sidebar widgets, footer.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { CategoryTreeVM, LayoutVM } from '../view-models.js';
import { renderHead } from './head.js';

export function renderLayout(vm: LayoutVM, main: SafeHtml): string {
  const { site } = vm;
  const documentTitle = vm.pageTitle ? `${vm.pageTitle} – ${site.title}` : `${site.title} – ${site.tagline}`;
  return `<!doctype html>${html`<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${documentTitle}</title>
${vm.robots ? html`<meta name="robots" content="${vm.robots}">` : ''}
${vm.canonicalHref ? html`<link rel="canonical" href="${vm.canonicalHref}">` : ''}
<link rel="stylesheet" href="${vm.stylesheetHref}">
${renderHead(vm.head)}${(vm.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
  <div class="site-branding">
    <p class="site-title"><a href="${site.homeHref}" rel="home">${site.title}</a></p>
    <p class="site-description">${site.tagline}</p>
  </div>
  ${site.menu.length > 0
    ? html`<nav class="site-menu" aria-label="Pages"><ul>${site.menu.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul></nav>`
    : ''}
</header>
<div class="site-body">
<main id="content" class="site-main" tabindex="-1">
${main}
</main>
${renderSidebar(vm)}
</div>
<footer class="site-footer">
  <p>${site.title} · Published with Quire</p>
</footer>
</body>
</html>`}`;
}

function renderSidebar(vm: LayoutVM): SafeHtml {
  const { sidebar } = vm;
  return html`<aside class="sidebar" aria-label="Sidebar">
  <section class="widget widget-search">
    <h2 class="widget-title">Search</h2>
    <form role="search" method="get" action="${vm.site.homeHref}">
      <label class="visually-hidden" for="sidebar-search">Search for:</label>
      <div class="search-row">
        <input type="search" id="sidebar-search" name="s" value="${sidebar.searchWords}" maxlength="200">
        <button type="submit">Search</button>
      </div>
    </form>
  </section>
  ${sidebar.recent.length > 0
    ? html`<section class="widget widget-recent"><h2 class="widget-title">Recent Posts</h2>
      <ul>${sidebar.recent.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul></section>`
    : ''}
  ${sidebar.categories.length > 0
    ? html`<section class="widget widget-categories"><h2 class="widget-title">Categories</h2>${renderCategoryTree(sidebar.categories)}</section>`
    : ''}
  ${sidebar.archives.length > 0
    ? html`<section class="widget widget-archives"><h2 class="widget-title">Archives</h2>
      <ul>${sidebar.archives.map((l) => html`<li><a href="${l.href}">${l.label}</a> <span class="count">(${l.count})</span></li>`)}</ul></section>`
    : ''}
</aside>`;
}

function renderCategoryTree(nodes: readonly CategoryTreeVM[]): SafeHtml {
  return html`<ul>${nodes.map(
    (n) => html`<li><a href="${n.href}">${n.name}</a> <span class="count">(${n.count})</span>${
      n.children.length > 0 ? renderCategoryTree(n.children) : ''
    }</li>`,
  )}</ul>`;
}
