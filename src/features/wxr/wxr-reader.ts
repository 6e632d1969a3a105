// Reads a WXR file as a stream with saxes, one record (author, term, item) at a time: never the whole document.
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { isAppError } from '../../kernel/errors.js';
import { doctypeDeclared, entitiesDeclared, externalEntity, malformedWxr, notWxr } from './wxr.errors.js';
import { type WxrAuthor, type WxrComment, type WxrItem, type WxrTerm, isWxrVersion, qualifiedName } from './wxr.js';

export interface WxrChannel {
  readonly title: string;
  readonly link: string;
  readonly version: string;
}

export type WxrRecord =
  | { readonly kind: 'author'; readonly author: WxrAuthor }
  | { readonly kind: 'term'; readonly term: WxrTerm }
  | { readonly kind: 'item'; readonly item: WxrItem }
  /** An item too large to keep in memory (a field past MAX_TEXT): skipped, not read. */
  | { readonly kind: 'oversized'; readonly line: number };

/** One element of a record: its text and its children, by qualified name. */
interface Node {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  text: string;
  readonly children: Node[];
}

/** No WordPress field comes near this; past it, the text is dropped rather than held in memory. */
export const MAX_TEXT = 4_000_000;

const RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term']);
const CHANNEL_FIELDS = new Set(['title', 'link', 'wp:wxr_version']);

function childText(node: Node, name: string): string {
  return node.children.find((c) => c.name === name)?.text ?? '';
}

function childNumber(node: Node, name: string): number {
  const value = Number(childText(node, name).trim());
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

function optionalId(node: Node, name: string): number | null {
  return childNumber(node, name) || null;
}

function authorOf(node: Node): WxrAuthor {
  return {
    id: optionalId(node, 'wp:author_id'),
    login: childText(node, 'wp:author_login').trim(),
    email: childText(node, 'wp:author_email').trim(),
    displayName: childText(node, 'wp:author_display_name').trim(),
  };
}

function termOf(node: Node): WxrTerm {
  const field = (category: string, tag: string, term: string) =>
    childText(node, node.name === 'wp:category' ? category : node.name === 'wp:tag' ? tag : term);
  return {
    id: optionalId(node, 'wp:term_id'),
    taxonomy: node.name === 'wp:category' ? 'category' : node.name === 'wp:tag' ? 'post_tag' : childText(node, 'wp:term_taxonomy').trim(),
    slug: field('wp:category_nicename', 'wp:tag_slug', 'wp:term_slug').trim(),
    name: field('wp:cat_name', 'wp:tag_name', 'wp:term_name').trim(),
    description: field('wp:category_description', 'wp:tag_description', 'wp:term_description'),
    parentSlug: field('wp:category_parent', '', 'wp:term_parent').trim(),
  };
}

function commentOf(node: Node): WxrComment {
  return {
    id: childNumber(node, 'wp:comment_id'),
    authorName: childText(node, 'wp:comment_author').trim(),
    authorEmail: childText(node, 'wp:comment_author_email').trim(),
    authorUrl: childText(node, 'wp:comment_author_url').trim(),
    authorIp: childText(node, 'wp:comment_author_IP').trim(),
    date: childText(node, 'wp:comment_date'),
    dateGmt: childText(node, 'wp:comment_date_gmt'),
    content: childText(node, 'wp:comment_content'),
    approved: childText(node, 'wp:comment_approved').trim(),
    type: childText(node, 'wp:comment_type').trim(),
    parentId: childNumber(node, 'wp:comment_parent'),
    userId: childNumber(node, 'wp:comment_user_id'),
  };
}

function itemOf(node: Node): WxrItem {
  const text = (name: string) => childText(node, name);
  const meta = new Map<string, string>();
  for (const m of node.children.filter((c) => c.name === 'wp:postmeta')) meta.set(childText(m, 'wp:meta_key'), childText(m, 'wp:meta_value'));
  return {
    id: childNumber(node, 'wp:post_id'),
    title: text('title').trim(),
    link: text('link').trim(),
    creator: text('dc:creator').trim(),
    guid: text('guid').trim(),
    content: text('content:encoded'),
    excerpt: text('excerpt:encoded'),
    date: text('wp:post_date'),
    dateGmt: text('wp:post_date_gmt'),
    modifiedGmt: text('wp:post_modified_gmt'),
    commentStatus: text('wp:comment_status').trim(),
    slug: text('wp:post_name').trim(),
    status: text('wp:status').trim(),
    parentId: childNumber(node, 'wp:post_parent'),
    menuOrder: Number.parseInt(text('wp:menu_order'), 10) || 0,
    type: text('wp:post_type').trim(),
    password: text('wp:post_password'),
    attachmentUrl: text('wp:attachment_url').trim(),
    terms: node.children
      .filter((c) => c.name === 'category')
      .map((c) => ({ domain: c.attrs.domain ?? '', slug: c.attrs.nicename ?? '', name: c.text.trim() })),
    meta,
    comments: node.children.filter((c) => c.name === 'wp:comment').map(commentOf),
  };
}

function recordOf(node: Node): WxrRecord {
  if (node.name === 'item') return { kind: 'item', item: itemOf(node) };
  if (node.name === 'wp:author') return { kind: 'author', author: authorOf(node) };
  return { kind: 'term', term: termOf(node) };
}

/** Refuses any DOCTYPE: WordPress never writes one, and it is where entity bombs and XXE live. */
function refuseDoctype(doctype: string): never {
  if (/\b(SYSTEM|PUBLIC)\b/.test(doctype)) throw externalEntity();
  if (/<!ENTITY/i.test(doctype)) throw entitiesDeclared();
  throw doctypeDeclared();
}

/** Where the reader is: the element path, the record being collected (if any), and the records ready. */
interface ReaderState {
  readonly channel: { title: string; link: string; version: string };
  readonly stack: Node[];
  readonly path: string[];
  record: Node | undefined;
  oversized: boolean;
  queue: WxrRecord[];
}

function requireVersion(state: ReaderState): void {
  const { version } = state.channel;
  if (version === '') throw notWxr('it has no wp:wxr_version');
  if (!isWxrVersion(version)) throw notWxr(`missing or invalid WXR version number "${version.slice(0, 20)}"`);
}

function appendText(state: ReaderState, text: string): void {
  const node = state.stack.at(-1);
  if (!node) return;
  if (node.text.length + text.length > MAX_TEXT) state.oversized = true;
  else node.text += text;
}

function openTag(state: ReaderState, tag: SaxesTagNS): void {
  const name = qualifiedName(tag.uri, tag.local);
  const { path, stack } = state;
  if (path.length === 0 && name !== 'rss') throw notWxr(`its root element is <${tag.name}>, not <rss>`);
  path.push(name);
  const atChannelChild = path.length === 3 && path[1] === 'channel';
  if (state.record === undefined) {
    if (atChannelChild && RECORDS.has(name)) {
      requireVersion(state);
      state.oversized = false;
      state.record = { name, attrs: {}, text: '', children: [] };
      stack.push(state.record);
    } else if (atChannelChild && CHANNEL_FIELDS.has(name)) {
      stack.push({ name, attrs: {}, text: '', children: [] });
    }
    return;
  }
  const attrs: Record<string, string> = {};
  for (const attr of Object.values(tag.attributes)) attrs[attr.local] = attr.value;
  const node: Node = { name, attrs, text: '', children: [] };
  stack.at(-1)?.children.push(node);
  stack.push(node);
}

function closeTag(state: ReaderState, line: number): void {
  const name = state.path.pop();
  if (state.record === undefined) {
    if (state.path.length === 2 && name !== undefined && CHANNEL_FIELDS.has(name)) {
      const text = state.stack.pop()?.text.trim() ?? '';
      if (name === 'wp:wxr_version') state.channel.version = text;
      else if (name === 'title' || name === 'link') state.channel[name] = text;
    }
    return;
  }
  if (state.stack.pop() !== state.record) return;
  state.queue.push(state.oversized ? { kind: 'oversized', line } : recordOf(state.record));
  state.record = undefined;
}

/**
 * Streams `chunks` (text) through saxes and hands each record to `onRecord`, in file order, awaiting it before
 * reading on. Throws an AppError for a file that is not WXR, not well-formed, or declares a DOCTYPE.
 */
export async function readWxr(chunks: AsyncIterable<string>, onRecord: (record: WxrRecord) => Promise<void>): Promise<WxrChannel> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const state: ReaderState = { channel: { title: '', link: '', version: '' }, stack: [], path: [], record: undefined, oversized: false, queue: [] };
  parser.on('doctype', refuseDoctype);
  parser.on('opentag', (tag: SaxesTagNS) => openTag(state, tag));
  parser.on('text', (text) => appendText(state, text));
  parser.on('cdata', (text) => appendText(state, text));
  parser.on('closetag', () => closeTag(state, parser.line));
  // saxes reports a well-formedness problem by throwing from write() or close(); our own refusals are AppErrors.
  const feed = (chunk: string | undefined) => {
    try {
      if (chunk === undefined) parser.close();
      else parser.write(chunk);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw malformedWxr(error instanceof Error ? error.message.replace(/^undefined:/, 'line ') : String(error));
    }
  };
  const drain = async () => {
    const ready = state.queue;
    state.queue = [];
    for (const next of ready) await onRecord(next);
  };
  for await (const chunk of chunks) {
    feed(chunk);
    await drain();
  }
  feed(undefined);
  await drain();
  requireVersion(state);
  return state.channel;
}
