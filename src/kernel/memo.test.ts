import { describe, expect, it } from 'vitest';
import { createLocalBus } from './events.js';
import { memoUntilChange } from './memo.js';

describe('memoUntilChange', () => {
  it('loads once per key until a stale-making event, then loads again', async () => {
    const bus = createLocalBus();
    let loads = 0;
    const get = memoUntilChange(bus, (e) => e.type === 'post', async (key: string) => `${key}:${++loads}`);
    expect(await get('a')).toBe('a:1');
    expect(await get('a')).toBe('a:1');
    expect(await get('b')).toBe('b:2');
    bus.publish({ type: 'comment', postId: 1 });
    expect(await get('a')).toBe('a:1');
    bus.publish({ type: 'post', postId: 1 });
    expect(await get('a')).toBe('a:3');
  });

  it('does not keep a failed load', async () => {
    const bus = createLocalBus();
    let calls = 0;
    const get = memoUntilChange(bus, () => true, async () => {
      calls++;
      if (calls === 1) throw new Error('database away');
      return 'ok';
    });
    await expect(get(undefined)).rejects.toThrow('database away');
    expect(await get(undefined)).toBe('ok');
  });
});
