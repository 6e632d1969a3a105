// The distributed ChangeBus: delivers in this process synchronously and carries every event to the others over Redis pub/sub.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { type ChangeBus, type ChangeEvent, createLocalBus } from '../kernel/events.js';
import { isChangeEvent } from './change-wire.js';

export interface SynchronizedBus extends ChangeBus {
  /** False while this process may be missing other processes' events (its subscription is down). */
  isSynchronized(): boolean;
}

export interface RedisBusOptions {
  readonly publisher: Redis;
  /** A connection of its own: a subscribed client can send no other commands. */
  readonly subscriber: Redis;
  readonly channel: string;
  readonly onError: (error: unknown, message: string) => void;
}

interface Envelope {
  /** The process that published: it has already delivered the event locally and ignores its own echo. */
  readonly origin: string;
  readonly event: ChangeEvent;
}

/** Reads a message from the channel; undefined for anything that is not a well-formed event. */
export function parseEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { origin, event } = value as { origin?: unknown; event?: unknown };
  return typeof origin === 'string' && isChangeEvent(event) ? { origin, event } : undefined;
}

export async function createRedisBus(options: RedisBusOptions): Promise<SynchronizedBus> {
  const { publisher, subscriber, channel, onError } = options;
  const origin = randomUUID();
  const local = createLocalBus((error) => onError(error, 'a change listener failed'));
  let synchronized = false;

  subscriber.on('message', (from: string, text: string) => {
    if (from !== channel) return;
    const envelope = parseEnvelope(text);
    if (!envelope) return onError(new Error(`Unreadable message on ${channel}`), 'ignored a change message');
    if (envelope.origin !== origin) local.publish(envelope.event);
  });

  // While the subscription is down, events from other processes are lost. On its return, everything this
  // process caches may be stale: a settings event is the one every listener treats as "drop everything".
  const resubscribe = async () => {
    try {
      await subscriber.subscribe(channel);
      local.publish({ type: 'settings' });
      synchronized = true;
    } catch (error) {
      onError(error, 'could not subscribe to the change channel again');
    }
  };
  subscriber.on('close', () => {
    synchronized = false;
  });
  subscriber.on('ready', () => {
    if (!synchronized) void resubscribe();
  });

  await subscriber.subscribe(channel);
  synchronized = true;

  return {
    publish(event) {
      local.publish(event);
      const envelope: Envelope = { origin, event };
      publisher.publish(channel, JSON.stringify(envelope)).catch((error: unknown) => {
        onError(error, 'could not send a change to the other processes');
      });
    },
    subscribe: (listener) => local.subscribe(listener),
    isSynchronized: () => synchronized,
  };
}
