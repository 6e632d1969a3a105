// What a public page says about itself in <head>: the site's feeds and its own, oEmbed discovery, OpenGraph
// and Twitter meta, and JSON-LD on posts. Every address absolute: these are read by other sites.
import { mediaUrl } from '../../features/media/index.js';
import { type Post, effectiveExcerpt } from '../../features/posts/index.js';
import type { SiteSettings } from '../../features/settings/index.js';
import type { User } from '../../features/users/index.js';
import type { HeadVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import { authorPath } from '../links/urls.js';

/** A post or page shown on its own. */
export interface EntryHead {
  readonly id: number;
  readonly type: 'post' | 'page';
  readonly title: string;
  /** Its permalink (root-relative). */
  readonly path: string;
  /** Plain text. */
  readonly summary: string;
  readonly publishedAt: string;
  readonly modifiedAt: string;
  readonly author: { readonly name: string; readonly path: string } | undefined;
  /** The featured image; its url may be root-relative. */
  readonly image: { readonly url: string; readonly width: number | null; readonly height: number | null; readonly alt: string } | undefined;
}

export interface HeadOptions {
  /** This archive's own feed (category, tag, author): its title and root-relative path. */
  readonly feed?: { readonly title: string; readonly path: string };
  readonly entry?: EntryHead;
}

const absolute = (publicUrl: string, path: string) => (/^https?:\/\//i.test(path) ? path : `${publicUrl}${path}`);

type Meta = HeadVM['meta'][number];
const og = (key: string, content: string): Meta => ({ attribute: 'property', key, content });
const named = (key: string, content: string): Meta => ({ attribute: 'name', key, content });

/**
 * As WordPress: the REST API and the site's feeds on every page, then the page's own feed; on a post or page its
 * REST representation, shortlink and oEmbed discovery.
 */
function linksOf(settings: SiteSettings, publicUrl: string, options: HeadOptions): HeadVM['links'] {
  const rss = { rel: 'alternate', type: 'application/rss+xml' };
  const links: HeadVM['links'][number][] = [
    { rel: 'https://api.w.org/', href: `${publicUrl}/wp-json/` },
    { ...rss, title: `${settings.title} » Feed`, href: `${publicUrl}/feed/` },
    { ...rss, title: `${settings.title} » Comments Feed`, href: `${publicUrl}/comments/feed/` },
  ];
  if (options.feed) links.push({ ...rss, title: `${settings.title} » ${options.feed.title}`, href: absolute(publicUrl, options.feed.path) });
  const { entry } = options;
  if (!entry) return links;
  const url = absolute(publicUrl, entry.path);
  if (entry.type === 'post') links.push({ ...rss, title: `${settings.title} » ${entry.title} Comments Feed`, href: `${url}feed/` });
  const embed = `${publicUrl}/wp-json/oembed/1.0/embed?url=${encodeURIComponent(url)}`;
  links.push(
    { rel: 'alternate', type: 'application/json', href: `${publicUrl}/wp-json/wp/v2/${entry.type}s/${entry.id}` },
    { rel: 'shortlink', href: `${publicUrl}/?p=${entry.id}` },
    { rel: 'alternate', type: 'application/json+oembed', href: embed },
    { rel: 'alternate', type: 'text/xml+oembed', href: `${embed}&format=xml` },
  );
  return links;
}

export function presentHead(
  settings: SiteSettings,
  publicUrl: string,
  page: { readonly title: string | null; readonly canonicalHref: string | null },
  options: HeadOptions,
): HeadVM {
  const { entry } = options;
  const image = entry?.image ? absolute(publicUrl, entry.image.url) : undefined;
  const meta: Meta[] = [
    og('og:type', entry ? 'article' : 'website'),
    og('og:title', page.title ?? settings.title),
    og('og:url', page.canonicalHref ?? `${publicUrl}/`),
    og('og:description', entry?.summary || settings.tagline),
    og('og:site_name', settings.title),
    og('og:locale', settings.language.replace('-', '_')),
  ];
  if (image) meta.push(og('og:image', image));
  if (image && entry?.image?.width) meta.push(og('og:image:width', String(entry.image.width)));
  if (image && entry?.image?.height) meta.push(og('og:image:height', String(entry.image.height)));
  if (image && entry?.image?.alt) meta.push(og('og:image:alt', entry.image.alt));
  if (entry) meta.push(og('article:published_time', entry.publishedAt), og('article:modified_time', entry.modifiedAt));
  meta.push(named('twitter:card', image ? 'summary_large_image' : 'summary'));
  return { links: linksOf(settings, publicUrl, options), meta, jsonLd: entry?.type === 'post' ? blogPosting(settings, publicUrl, entry, image) : null };
}

function blogPosting(settings: SiteSettings, publicUrl: string, entry: EntryHead, image: string | undefined): Record<string, unknown> {
  const url = absolute(publicUrl, entry.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: entry.title,
    description: entry.summary,
    url,
    datePublished: entry.publishedAt,
    dateModified: entry.modifiedAt,
    ...(entry.author ? { author: { '@type': 'Person', name: entry.author.name, url: absolute(publicUrl, entry.author.path) } } : {}),
    publisher: { '@type': 'Organization', name: settings.title, url: `${publicUrl}/` },
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    ...(image ? { image } : {}),
    inLanguage: settings.language,
  };
}

/** A post or page's head facts, with its featured image (one small read). */
export async function loadEntryHead(deps: Pick<HttpDeps, 'services'>, post: Post, path: string, author: User | undefined): Promise<EntryHead> {
  const image = post.featuredMediaId === null ? undefined : await deps.services.media.findById(post.featuredMediaId);
  return {
    id: post.id,
    type: post.type,
    title: post.title,
    path,
    summary: effectiveExcerpt(post),
    publishedAt: post.publishedAt ?? post.createdAt,
    modifiedAt: post.updatedAt,
    author: author ? { name: author.displayName, path: authorPath(author.login) } : undefined,
    image: image ? { url: mediaUrl(image), width: image.width, height: image.height, alt: image.altText } : undefined,
  };
}
