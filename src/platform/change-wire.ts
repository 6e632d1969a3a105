// Checks change events that arrive from another process (Redis or cluster IPC) before any listener sees them.
import type { ChangeEvent } from '../kernel/events.js';

type Fields = Readonly<Record<string, unknown>>;
const isId = (value: unknown) => Number.isSafeInteger(value);

// What each type of event carries. Typed over every type, so a new kind of event fails to compile here
// until the wire format knows how to check it.
const IS_VALID: Readonly<Record<ChangeEvent['type'], (fields: Fields) => boolean>> = {
  post: (f) => isId(f.postId),
  comment: (f) => isId(f.postId),
  term: (f) => isId(f.termId),
  settings: () => true,
  user: (f) => isId(f.userId),
  bans: () => true,
  job: (f) => typeof f.kind === 'string',
};

export function isChangeEvent(value: unknown): value is ChangeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const fields = value as Fields;
  if (typeof fields.type !== 'string' || !Object.hasOwn(IS_VALID, fields.type)) return false;
  return IS_VALID[fields.type as ChangeEvent['type']](fields);
}
