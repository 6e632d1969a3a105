// Results kept until a change event says they are stale: the sidebar's lists are read on every page
// and change only when content does, so they are queried once per change instead of once per request.
import type { ChangeBus, ChangeEvent } from './events.js';

export function memoUntilChange<K, V>(
  events: ChangeBus,
  isStale: (event: ChangeEvent) => boolean,
  load: (key: K) => Promise<V>,
): (key: K) => Promise<V> {
  const kept = new Map<K, Promise<V>>();
  events.subscribe((event) => {
    if (isStale(event)) kept.clear();
  });
  return (key) => {
    let value = kept.get(key);
    if (!value) {
      value = load(key);
      kept.set(key, value);
      // A failed load is not kept: the next caller tries again.
      value.catch(() => {
        if (kept.get(key) === value) kept.delete(key);
      });
    }
    return value;
  };
}
