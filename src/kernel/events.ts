// Change events: services announce what changed after it is stored; caches and workers listen.
// The local bus delivers synchronously, so a process's own caches are fresh before a write returns;
// a distributed bus (Redis) also carries each event to the other processes.

export type ChangeEvent =
  | { readonly type: 'post'; readonly postId: number }
  | { readonly type: 'comment'; readonly postId: number }
  | { readonly type: 'term'; readonly termId: number }
  | { readonly type: 'settings' }
  | { readonly type: 'user'; readonly userId: number }
  /** A commenter ban was made or lifted: the comment pipeline's copy of the active bans is stale. */
  | { readonly type: 'bans' }
  /** A job was enqueued: job runners wake instead of waiting for their next poll. */
  | { readonly type: 'job'; readonly kind: string };

export type ChangeListener = (event: ChangeEvent) => void;

export interface ChangeBus {
  publish(event: ChangeEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void;
}

export function createLocalBus(onListenerError: (error: unknown) => void = () => {}): ChangeBus {
  const listeners = new Set<ChangeListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
