// The messages a cluster worker and its primary exchange (change events, counter hits), and the worker's end of the channel.
import type { ChangeEvent } from '../kernel/events.js';
import { isChangeEvent } from './change-wire.js';

// Every message carries a `quire` field naming its kind, so Quire's messages are told apart from anything else on the channel.
export type IpcMessage =
  /** Worker → primary: a change this worker published; primary → every other worker: the same, relayed. */
  | { readonly quire: 'change'; readonly event: ChangeEvent }
  /** Worker → primary: count one hit in the shared window of `key`. */
  | { readonly quire: 'hit'; readonly id: number; readonly key: string; readonly windowMs: number }
  /** Worker → primary: take back one hit of `key`'s current window (no answer: messages from one worker keep their order). */
  | { readonly quire: 'release'; readonly key: string }
  /** Primary → the asking worker: the count for request `id`, or why there is none. */
  | { readonly quire: 'counted'; readonly id: number; readonly count?: number; readonly error?: string }
  /** Primary → worker: close the server, finish in-flight work, exit. */
  | { readonly quire: 'shutdown' };

type Fields = Readonly<Record<string, unknown>>;

/** Reads a message from the channel; undefined for anything that is not a well-formed Quire message. */
export function parseIpcMessage(value: unknown): IpcMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Fields;
  switch (fields.quire) {
    case 'change':
      return isChangeEvent(fields.event) ? { quire: 'change', event: fields.event } : undefined;
    case 'hit':
      return Number.isSafeInteger(fields.id) && typeof fields.key === 'string' && typeof fields.windowMs === 'number' && fields.windowMs > 0
        ? { quire: 'hit', id: fields.id as number, key: fields.key, windowMs: fields.windowMs }
        : undefined;
    case 'release':
      return typeof fields.key === 'string' ? { quire: 'release', key: fields.key } : undefined;
    case 'counted':
      if (!Number.isSafeInteger(fields.id)) return undefined;
      if (Number.isSafeInteger(fields.count)) return { quire: 'counted', id: fields.id as number, count: fields.count as number };
      return { quire: 'counted', id: fields.id as number, error: typeof fields.error === 'string' ? fields.error : 'no count' };
    case 'shutdown':
      return { quire: 'shutdown' };
    default:
      return undefined;
  }
}

/** One end of a message channel: a worker's link to its primary (or a stand-in in tests). */
export interface IpcEndpoint {
  /** Sends, unless the channel is closed; failures are reported, never thrown. */
  send(message: IpcMessage): void;
  /** Listens for well-formed Quire messages; returns the function that stops listening. */
  onMessage(listener: (message: IpcMessage) => void): () => void;
  /** Called once when the channel closes (the primary went away). */
  onDisconnect(listener: () => void): () => void;
  isConnected(): boolean;
}

/** The IPC channel this process was forked with (a cluster worker's link to its primary); undefined without one. */
export function processEndpoint(onError: (error: unknown) => void, proc: NodeJS.Process = process): IpcEndpoint | undefined {
  const send = proc.send?.bind(proc);
  if (send === undefined) return undefined;
  return {
    send(message) {
      if (!proc.connected) return;
      // With a callback, a closed channel is reported here instead of crashing the process with an 'error' event.
      send(message, undefined, undefined, (error: Error | null) => {
        if (error) onError(error);
      });
    },
    onMessage(listener) {
      const handle = (value: unknown) => {
        const message = parseIpcMessage(value);
        if (message) listener(message);
      };
      proc.on('message', handle);
      return () => proc.off('message', handle);
    },
    onDisconnect(listener) {
      proc.once('disconnect', listener);
      return () => proc.off('disconnect', listener);
    },
    isConnected: () => proc.connected,
  };
}
