// GET /wp-json/oembed/1.0/embed?url=…: what another site needs to show a link to one of our posts or pages.
// WordPress answers type "rich" with an iframe of its /embed/ page; this site has no embed page, so it answers
// type "link" (title, author, site, thumbnail), which oEmbed consumers show as a card.
import { mediaUrl } from '../../features/media/index.js';
import type { Post } from '../../features/posts/index.js';
import { escapeHtml } from '../../kernel/html.js';
import type { HttpDeps } from '../deps.js';
import { pathSegments } from '../links/paths.js';
import { findPostByAnyAddress } from '../links/post-addresses.js';
import { authorPath } from '../links/urls.js';
import type { WpApi } from './api.js';
import { wpError } from './wp-error.js';

function notFound(): Error {
  return wpError('oembed_invalid_url', 'Not Found', 404);
}

/**
 * The published post or page `url` names on this site (its permalink in any structure, or /?p=ID); anything else is
 * not found. Addresses of earlier structures are accepted as the site accepts them (it answers them with a 301).
 */
async function resolvePost(deps: HttpDeps, url: string): Promise<Post> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw notFound();
  }
  if (target.origin !== new URL(deps.config.publicUrl).origin) throw notFound();
  const { posts } = deps.services;
  const id = target.searchParams.get('p');
  if (target.pathname === '/' && id !== null) {
    const post = /^[1-9]\d{0,9}$/.test(id) ? await posts.findById(Number(id)) : undefined;
    if (!post || post.status !== 'published') throw notFound();
    return post;
  }
  let segments: string[];
  try {
    segments = pathSegments(target.pathname);
  } catch {
    throw notFound();
  }
  if (segments.length === 0) throw notFound();
  const page = await posts.findPageByPath(segments);
  if (page.kind === 'found') return page.post;
  const post = await findPostByAnyAddress(deps, segments);
  if (!post) throw notFound();
  return post;
}

async function oembedOf(deps: HttpDeps, post: Post): Promise<Record<string, string | number>> {
  const { publicUrl } = deps.config;
  const [settings, author, image] = await Promise.all([
    deps.services.settings.get(),
    deps.services.users.findById(post.authorId),
    post.featuredMediaId === null ? undefined : deps.services.media.findById(post.featuredMediaId),
  ]);
  return {
    version: '1.0',
    provider_name: settings.title,
    provider_url: publicUrl,
    author_name: author?.displayName ?? settings.title,
    author_url: author ? `${publicUrl}${authorPath(author.login)}` : publicUrl,
    title: post.title,
    type: 'link',
    ...(image
      ? {
        thumbnail_url: mediaUrl(image, publicUrl),
        ...(image.width ? { thumbnail_width: image.width } : {}),
        ...(image.height ? { thumbnail_height: image.height } : {}),
      }
      : {}),
  };
}

/** oEmbed's XML format: the same fields as elements of <oembed>. */
function toXml(fields: Readonly<Record<string, string | number>>): string {
  const elements = Object.entries(fields).map(([name, value]) => `<${name}>${escapeHtml(String(value))}</${name}>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<oembed>${elements.join('')}</oembed>\n`;
}

export function registerOembedRoutes(api: WpApi): void {
  api.route('/oembed/1.0/embed', {
    methods: ['GET'],
    args: {
      url: { type: 'string', required: true, description: 'The URL of the resource for which to fetch oEmbed data.' },
      format: { type: 'string', enum: ['json', 'xml'], default: 'json', description: 'The oEmbed format to use.' },
      maxwidth: { type: 'integer', default: 600, minimum: 1, description: 'The maximum width of the embed frame in pixels.' },
      maxheight: { type: 'integer', minimum: 1, description: 'The maximum height of the embed frame in pixels.' },
    },
    async handler(request) {
      const post = await resolvePost(api.deps, request.args.string('url') ?? '');
      const fields = await oembedOf(api.deps, post);
      if (request.args.string('format') === 'xml') {
        return { body: toXml(fields), headers: { 'Content-Type': 'text/xml; charset=UTF-8' } };
      }
      return { body: fields };
    },
  });
}
