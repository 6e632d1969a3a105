// Renders a public page: site context, layout and a main part from the theme.
import type { FastifyReply } from 'fastify';
import type { SafeHtml } from '../../kernel/html.js';
import { renderLayout } from '../../../themes/default/index.js';
import { SITE_TAG, tagResponse } from '../cache/tags.js';
import type { HttpDeps } from '../deps.js';
import type { SiteContext } from './context.js';
import { type LayoutOptions, presentLayout } from './present.js';

export function sendPage(
  deps: HttpDeps,
  reply: FastifyReply,
  ctx: SiteContext,
  options: LayoutOptions,
  main: SafeHtml,
  status = 200,
): FastifyReply {
  const stylesheet = deps.assets.get('quire.css')?.href ?? '/assets/quire.css';
  // The layout shows settings, the pages menu and the sidebar: every page changes with them.
  tagResponse(reply, [SITE_TAG]);
  // As WordPress: every page points API clients to the REST index.
  reply.header('Link', `<${deps.config.publicUrl}/wp-json/>; rel="https://api.w.org/"`);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(renderLayout(presentLayout(ctx, deps.config.publicUrl, stylesheet, options), main));
}
