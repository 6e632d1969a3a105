// Comment drafts: what a reader was typing, kept for an hour while they sign in in a full page. Pure rules here.
import { COMMENT_LIMITS } from '../comments/index.js';
import { draftInvalid, draftTooLong } from './comment-drafts.errors.js';

/** How long a draft waits for its reader to come back from signing in. */
export const DRAFT_LIFETIME_MS = 60 * 60 * 1000;
/** As long as a comment may be: a longer text could never be posted anyway. */
export const DRAFT_MAX_CHARACTERS = COMMENT_LIMITS.source;

export interface CommentDraft {
  readonly postId: number;
  /** The comment answered; null for a new thread. */
  readonly parentId: number | null;
  /** As typed (spaces and line breaks kept). */
  readonly text: string;
}

// Ids are PostgreSQL integers: a larger number is no id at all.
const MAX_ID = 2_147_483_647;
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_ID;

/** The random id in the browser's cookie (randomToken()): anything else is not worth a lookup. */
export function isDraftId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/**
 * A draft from the script's JSON `{ postId, parentId, text }`: ids as numbers (parentId null or 0 for none), text a
 * non-empty string of at most DRAFT_MAX_CHARACTERS characters without NUL (which PostgreSQL cannot store).
 */
export function validateDraft(body: unknown): CommentDraft {
  const raw = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Readonly<Record<string, unknown>>) : {};
  const fields: Record<string, string> = {};
  if (!isId(raw.postId)) fields.postId = 'The post to come back to is missing or not a post id.';
  const parentId = raw.parentId === undefined || raw.parentId === null || raw.parentId === 0 ? null : raw.parentId;
  if (parentId !== null && !isId(parentId)) fields.parentId = 'The comment answered is not a comment id.';
  const text = typeof raw.text === 'string' ? raw.text : undefined;
  if (text === undefined || text.trim() === '') fields.text = 'There is no text to keep.';
  else if (text.includes('\u0000')) fields.text = 'The text contains characters that cannot be saved.';
  if (text !== undefined && [...text].length > DRAFT_MAX_CHARACTERS) throw draftTooLong(DRAFT_MAX_CHARACTERS);
  if (Object.keys(fields).length > 0) throw draftInvalid(fields);
  return { postId: raw.postId as number, parentId: parentId as number | null, text: text as string };
}
