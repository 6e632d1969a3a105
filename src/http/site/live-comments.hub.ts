// Live comments, shared per post: one read of the thread per change, fanned out to every open stream of that post
// as Server-Sent Events of the comments each stream has not seen yet (rendered as the page renders them).
import type { CommentNode } from '../../features/comments/index.js';
import type { Post } from '../../features/posts/index.js';
import type { ChangeBus } from '../../kernel/events.js';
import { renderCommentItem } from '../../../themes/default/index.js';
import type { CommentVM, ReplyMode } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import { presentComments } from './present.js';

/** One open stream: how it shows reply links, and where its bytes go. */
export interface LiveClient {
  readonly replyMode: ReplyMode;
  /** Writes one chunk of the event stream. */
  write(chunk: string): void;
  /** Ends the stream (the post is gone, or the server is closing). */
  end(): void;
}

/** One approved comment, placed in its thread: `after`/`before` are its neighbours in the same list, if any. */
interface LiveItem {
  readonly id: number;
  readonly parentId: number | null;
  readonly after: number | null;
  readonly before: number | null;
  readonly vm: CommentVM;
}

/** The approved thread of a post as last read: its ids, and its comments in page order (parents before replies). */
interface Snapshot {
  readonly ids: ReadonlySet<number>;
  readonly items: readonly LiveItem[];
  /** Each comment's `<li>` by id and reply mode, rendered once for every stream that needs it. */
  readonly rendered: Map<string, string>;
}

interface Stream {
  readonly client: LiveClient;
  /** What the page had (the thread when the stream opened): never sent. Shared between streams, never changed. */
  readonly baseline: ReadonlySet<number>;
  readonly sent: Set<number>;
}

interface Channel {
  post: Post;
  readonly streams: Set<Stream>;
  /** Open streams and those still opening: the channel is dropped when none is left. */
  members: number;
  current?: Snapshot;
  refreshing?: Promise<void>;
  /** A change came while a read was running: read again when it ends. */
  dirty: boolean;
}

/** Resuming (Last-Event-ID) sends at most this many missed comments: a made-up old id must not replay a whole thread. */
export const MAX_RESUMED_COMMENTS = 100;

export interface LiveCommentsHub {
  /** Starts streaming `post`'s newly approved comments to `client`; `afterId`: also send those with a greater id. Returns the closer. */
  open(post: Post, client: LiveClient, afterId?: number): Promise<() => void>;
  /** Every open stream, on every post. */
  size(): number;
  /** Ends every stream (the server is closing). */
  endAll(): void;
}

export function createLiveCommentsHub(deps: HttpDeps, events: ChangeBus, onError: (error: unknown) => void): LiveCommentsHub {
  const channels = new Map<number, Channel>();
  let size = 0;

  events.subscribe((event) => {
    if (event.type === 'comment') {
      const channel = channels.get(event.postId);
      if (channel) void refresh(channel);
    } else if (event.type === 'post') {
      const channel = channels.get(event.postId);
      if (channel) void recheckPost(channel);
    }
  });

  async function readSnapshot(post: Post): Promise<Snapshot> {
    const settings = await deps.services.settings.get();
    const nodes = await deps.services.comments.threadOf(post.id, settings.commentThreadDepth, settings.commentOrder);
    return snapshotOf(nodes, presentComments(nodes, post, { settings }));
  }

  /** Reads the thread again (once for any number of changes that come meanwhile) and sends what is new. */
  function refresh(channel: Channel): Promise<void> {
    if (channel.refreshing) {
      channel.dirty = true;
      return channel.refreshing;
    }
    const run = async () => {
      do {
        channel.dirty = false;
        try {
          channel.current = await readSnapshot(channel.post);
        } catch (error) {
          onError(error);
          continue;
        }
        for (const stream of channel.streams) sendNew(channel.current, stream, (id) => !stream.baseline.has(id));
      } while (channel.dirty);
    };
    channel.refreshing = run().finally(() => {
      channel.refreshing = undefined;
    });
    return channel.refreshing;
  }

  /** A post that is no longer public ends its streams: their reconnection then gets the 404 that stops them. */
  async function recheckPost(channel: Channel): Promise<void> {
    try {
      const post = await deps.services.posts.findById(channel.post.id);
      if (post && isLivePost(post)) {
        channel.post = post;
        return;
      }
      for (const stream of [...channel.streams]) stream.client.end();
    } catch (error) {
      onError(error);
    }
  }

  function sendNew(snapshot: Snapshot, stream: Stream, isNew: (id: number) => boolean): void {
    for (const item of snapshot.items) {
      if (!isNew(item.id) || stream.sent.has(item.id)) continue;
      stream.sent.add(item.id);
      stream.client.write(eventOf(item, htmlOf(snapshot, item, stream.client.replyMode)));
    }
  }

  return {
    async open(post, client, afterId) {
      let channel = channels.get(post.id);
      if (!channel) {
        channel = { post, streams: new Set(), members: 0, dirty: false };
        channels.set(post.id, channel);
      }
      const opened = channel;
      // Counted from now, while the thread is read: a burst of connections cannot overshoot the caps.
      opened.members++;
      size++;
      let stream: Stream | undefined;
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        size--;
        opened.members--;
        if (stream) opened.streams.delete(stream);
        if (opened.members === 0 && channels.get(post.id) === opened) channels.delete(post.id);
      };
      try {
        if (!opened.current) await refresh(opened);
      } catch (error) {
        close();
        throw error;
      }
      const snapshot = opened.current;
      if (closed) return close;
      if (!snapshot) {
        close();
        throw new Error('The comment thread could not be read.');
      }
      stream = { client, baseline: snapshot.ids, sent: new Set() };
      opened.streams.add(stream);
      if (afterId !== undefined) {
        const missed = snapshot.items.filter((item) => item.id > afterId).map((item) => item.id).sort((a, b) => a - b);
        const resumed = new Set(missed.slice(-MAX_RESUMED_COMMENTS));
        sendNew(snapshot, stream, (id) => resumed.has(id));
      }
      return close;
    },
    size: () => size,
    endAll() {
      for (const channel of [...channels.values()]) for (const stream of [...channel.streams]) stream.client.end();
    },
  };
}

/** Posts whose thread is public: published posts (pages show no live thread). */
export function isLivePost(post: Post): boolean {
  return post.status === 'published' && post.type === 'post';
}

function snapshotOf(nodes: readonly CommentNode[], vms: readonly CommentVM[]): Snapshot {
  const items: LiveItem[] = [];
  const walk = (list: readonly CommentNode[], views: readonly CommentVM[]) => {
    list.forEach((node, index) => {
      const vm = views[index];
      if (!vm) return;
      items.push({
        id: node.comment.id,
        parentId: node.comment.parentId,
        after: list[index - 1]?.comment.id ?? null,
        before: list[index + 1]?.comment.id ?? null,
        // Replies are events of their own: each `<li>` is sent without its children.
        vm: { ...vm, replies: [] },
      });
      walk(node.replies, vm.replies);
    });
  };
  walk(nodes, vms);
  return { ids: new Set(items.map((item) => item.id)), items, rendered: new Map() };
}

function htmlOf(snapshot: Snapshot, item: LiveItem, mode: ReplyMode): string {
  const key = `${item.id}:${mode.kind}`;
  let html = snapshot.rendered.get(key);
  if (html === undefined) {
    html = renderCommentItem(item.vm, mode).toString();
    snapshot.rendered.set(key, html);
  }
  return html;
}

/** One SSE event; JSON.stringify leaves no raw newline in `data`, so one data line carries it all. */
function eventOf(item: LiveItem, html: string): string {
  const data = JSON.stringify({ id: item.id, parentId: item.parentId, after: item.after, before: item.before, html });
  return `id: ${item.id}\nevent: comment\ndata: ${data}\n\n`;
}
