// The shared-counter port that rate limits count with; platform/ holds its in-process and Redis implementations.

export interface CounterStore {
  /**
   * Counts one hit on `key` and returns the hits in its current window, this one included. A window is
   * fixed: it opens at the first hit after the previous one closed and lasts `windowMs`, however many
   * hits follow (so a steady stream of refused requests cannot keep a client locked out for ever).
   */
  hit(key: string, windowMs: number): Promise<number>;
}
