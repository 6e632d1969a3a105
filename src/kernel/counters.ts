// The shared-counter port that rate limits count with; platform/ holds its in-process and Redis implementations.

export interface CounterStore {
  /**
   * Counts one hit on `key` and returns the hits in its current window, this one included. A window is
   * fixed: it opens at the first hit after the previous one closed and lasts `windowMs`, however many
   * hits follow (so a steady stream of refused requests cannot keep a client locked out for ever).
   */
  hit(key: string, windowMs: number): Promise<number>;
  /**
   * Takes back one hit of `key`'s current window (an attempt counted up front that turned out not to
   * count, e.g. a successful sign-in); nothing when no window is open. The window's end does not move.
   */
  release(key: string): Promise<void>;
}
