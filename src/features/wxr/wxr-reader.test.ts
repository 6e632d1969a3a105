// The streaming reader: records in file order whatever the chunking, and every refusal with its own error code.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/errors.js';
import { MAX_TEXT, type WxrRecord, readWxr } from './wxr-reader.js';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="https://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/">
<channel><title>Site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>`;
const TAIL = '</channel></rss>';

const ITEM = `<item><title>Hello &amp; welcome</title><link>https://old.example/2020/01/02/hello/</link>
<dc:creator><![CDATA[ann]]></dc:creator><content:encoded><![CDATA[Body with ]]]]><![CDATA[> inside]]></content:encoded>
<wp:post_id>12</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>40</wp:meta_value></wp:postmeta>
<wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_parent>6</wp:comment_parent><wp:comment_content>Reply</wp:comment_content></wp:comment>
</item>`;

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function read(text: string, size = 1 << 16): Promise<WxrRecord[]> {
  const records: WxrRecord[] = [];
  await readWxr(chunksOf(text, size), async (record) => {
    records.push(record);
  });
  return records;
}

async function refusal(text: string): Promise<string> {
  try {
    await read(text);
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('readWxr', () => {
  it('reads an item with its terms, meta and comments, the same in 7-character chunks as in one', async () => {
    const text = `${HEAD}<wp:author><wp:author_login>ann</wp:author_login></wp:author>${ITEM}${TAIL}`;
    for (const size of [7, 1 << 16]) {
      const [author, item] = await read(text, size);
      expect(author).toMatchObject({ kind: 'author', author: { login: 'ann', id: null } });
      if (item?.kind !== 'item') throw new Error('no item');
      expect(item.item).toMatchObject({ id: 12, title: 'Hello & welcome', creator: 'ann', content: 'Body with ]]> inside', type: 'post' });
      expect(item.item.terms).toEqual([{ domain: 'category', slug: 'news', name: 'News' }]);
      expect(item.item.meta.get('_thumbnail_id')).toBe('40');
      expect(item.item.comments).toMatchObject([{ id: 5, parentId: 6, content: 'Reply' }]);
    }
  });

  it('refuses a file that is not WXR: another root, no version, a version that is not one', async () => {
    expect(await refusal('<html><body/></html>')).toBe('WXR_NOT_WXR');
    expect(await refusal(`<rss version="2.0"><channel><title>x</title>${ITEM.replace(/<\/?[a-z]+:[^>]*>/g, '')}</channel></rss>`)).toBe('WXR_NOT_WXR');
    expect(await refusal(`${HEAD.replace('1.2</wp:wxr_version>', 'abc</wp:wxr_version>')}${TAIL}`)).toBe('WXR_NOT_WXR');
  });

  it('refuses truncated, empty and non-XML input as malformed', async () => {
    expect(await refusal(`${HEAD}${ITEM}`)).toBe('WXR_MALFORMED');
    expect(await refusal('')).toBe('WXR_MALFORMED');
    expect(await refusal('just some words')).toBe('WXR_MALFORMED');
    expect(await refusal(`${HEAD}<item><title>&undefined;</title></item>${TAIL}`)).toBe('WXR_MALFORMED');
  });

  it('refuses any DOCTYPE: entities, external entities, and a bare one', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>';
    expect(await refusal(`${bomb}${HEAD.slice(HEAD.indexOf('<rss'))}${TAIL}`)).toBe('WXR_ENTITIES');
    const xxe = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
    expect(await refusal(`${xxe}${HEAD.slice(HEAD.indexOf('<rss'))}<title>&x;</title>${TAIL}`)).toBe('WXR_EXTERNAL_ENTITY');
    expect(await refusal(`<!DOCTYPE rss>${HEAD.slice(HEAD.indexOf('<rss'))}${TAIL}`)).toBe('WXR_DOCTYPE');
  });

  it('skips an item with a field too long for any WordPress post instead of holding it in memory', async () => {
    const huge = `<item><wp:post_id>1</wp:post_id><content:encoded>${'x'.repeat(MAX_TEXT + 10)}</content:encoded></item>`;
    const records = await read(`${HEAD}${huge}${ITEM}${TAIL}`);
    expect(records.map((r) => r.kind)).toEqual(['oversized', 'item']);
  });
});
