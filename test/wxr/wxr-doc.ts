// Small WXR documents written for one test (a post, a comment, an author), and the fixture files' paths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/wxr/${name}`, import.meta.url));
export const attack = (name: string): string => fileURLToPath(new URL(`../fixtures/xml-attacks/${name}`, import.meta.url));

export interface DocItem {
  readonly id: number;
  readonly title?: string;
  readonly creator?: string;
  readonly type?: string;
  readonly status?: string;
  readonly slug?: string;
  readonly link?: string;
  readonly date?: string;
  readonly content?: string;
  readonly parent?: number;
  readonly comments?: readonly { id: number; parent?: number; ip?: string; approved?: string; type?: string }[];
}

const cd = (text: string) => `<![CDATA[${text}]]>`;

function commentXml(c: NonNullable<DocItem['comments']>[number]): string {
  return `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>${cd(`Reader ${c.id}`)}</wp:comment_author>
<wp:comment_author_email>reader${c.id}@example.test</wp:comment_author_email><wp:comment_author_IP>${c.ip ?? ''}</wp:comment_author_IP>
<wp:comment_date>2024-02-01 10:00:00</wp:comment_date><wp:comment_date_gmt>2024-02-01 10:00:00</wp:comment_date_gmt>
<wp:comment_content>${cd(`Comment ${c.id}`)}</wp:comment_content><wp:comment_approved>${c.approved ?? '1'}</wp:comment_approved>
<wp:comment_type>${c.type ?? 'comment'}</wp:comment_type><wp:comment_parent>${c.parent ?? 0}</wp:comment_parent></wp:comment>`;
}

export function itemXml(item: DocItem): string {
  const date = item.date ?? '2024-01-15 08:30:00';
  return `<item><title>${cd(item.title ?? `Post ${item.id}`)}</title><link>${item.link ?? `https://old.example/?p=${item.id}`}</link>
<dc:creator>${cd(item.creator ?? 'ann')}</dc:creator><guid isPermaLink="false">https://old.example/?p=${item.id}</guid>
<content:encoded>${cd(item.content ?? `Text of post ${item.id}.`)}</content:encoded><excerpt:encoded>${cd('')}</excerpt:encoded>
<wp:post_id>${item.id}</wp:post_id><wp:post_date>${date}</wp:post_date><wp:post_date_gmt>${date}</wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>${cd(item.slug ?? `post-${item.id}`)}</wp:post_name>
<wp:status>${item.status ?? 'publish'}</wp:status><wp:post_parent>${item.parent ?? 0}</wp:post_parent><wp:menu_order>0</wp:menu_order>
<wp:post_type>${item.type ?? 'post'}</wp:post_type><wp:post_password></wp:post_password>
${(item.comments ?? []).map(commentXml).join('\n')}</item>\n`;
}

export function wxrDoc(items: readonly DocItem[], authors = '<wp:author><wp:author_id>7</wp:author_id><wp:author_login>ann</wp:author_login><wp:author_email>ann@example.test</wp:author_email></wp:author>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
${authors}
${items.map(itemXml).join('')}</channel></rss>
`;
}

const tempDirs: string[] = [];

/** Writes `text` to a new file in a temp folder (removed by removeTempFiles); returns its path. */
export function writeTemp(name: string, text: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-wxr-'));
  tempDirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

export function removeTempFiles(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
