// The "Leave a Reply" form as a view model: from the post, the settings, who is writing (and how they could sign
// in), and what they typed or got wrong.
import type { SiteSettings } from '../../features/settings/index.js';
import type { AppError } from '../../kernel/errors.js';
import type {
  CommentFormField, CommentFormVM, CommentFormValues, CommenterVM, SignInOptionVM,
} from '../../../themes/view-models.js';
import type { RememberedCommenter } from './comment-tokens.js';
import { avatarHueOf, initialsOf } from './present.js';

export const COMMENT_POST_PATH = '/comments';
export const COMMENT_PRIVACY_PATH = '/comments/privacy';
/** GET ?post=ID → { html, csrf }: the identity block for this browser (after a sign-in in a popup). */
export const COMMENT_IDENTITY_PATH = '/comments/identity';
/** POST: the typed text kept while the reader signs in in a full page. */
export const COMMENT_DRAFT_PATH = '/comments/draft';
/** Readers sign out here (the accounts surface's route; it ends any session, staff ones too). */
export const LOGOUT_PATH = '/auth/logout';

/** What came back with a refused or previewed submission: shown again exactly as typed. */
export interface CommentFormState {
  readonly values: CommentFormValues;
  readonly error?: AppError;
  /** Sanitized HTML of the previewed comment. */
  readonly previewHtml?: string;
}

/** The signed-in reader, as the identity block names them. */
export interface SignedInCommenter {
  /** The identity's display name (the account's without one). */
  readonly name: string;
  /** Colours the initials avatar, as a comment's; '' when there is none to show. */
  readonly email: string;
  /** "Google", the site's title…: "You are commenting using your {account} account." */
  readonly account: string;
  /** The identity's picture stored here (/avatars/…), or null. */
  readonly avatarUrl: string | null;
}

export interface CommentFormInput {
  readonly postId: number;
  readonly permalink: string;
  readonly settings: Pick<SiteSettings, 'commentRequireNameEmail' | 'commentRequireRegistration'>;
  readonly replyTo: { readonly id: number; readonly name: string } | null;
  /** The signed-in reader, if any: they are the author, so no guest fields (unless `changing`). */
  readonly commenter: SignedInCommenter | undefined;
  /** Signed in, but "Change" was chosen: the icons and guest fields again, and the comment goes out as a guest. */
  readonly changing: boolean;
  /** The enabled ways to sign in, in the order of their icons. */
  readonly signInOptions: readonly SignInOptionVM[];
  readonly remembered: RememberedCommenter | undefined;
  /** Required when `commenter` is given: the form posts with it, and so does "Log Out". */
  readonly csrfToken: string | null;
  readonly stamp: string;
  readonly signInHref: string;
  readonly state?: CommentFormState;
  /** A draft kept while the reader signed in in a full page: its text goes back into the textarea. */
  readonly draftText?: string;
}

export const EMPTY_COMMENT_FORM: CommentFormValues = Object.freeze({
  author: '', email: '', url: '', comment: '', remember: false, subscribe: 'none', subscribePosts: false,
});

/** The service's field names (details.fields of COMMENT_FIELDS_INVALID / COMMENT_TOO_LONG) as the form's. */
export const FORM_FIELD_OF: Readonly<Record<string, CommentFormField>> = {
  authorName: 'author',
  authorEmail: 'email',
  authorUrl: 'url',
  source: 'comment',
};

/** The per-field messages of a refusal, by form field; {} when the refusal is about the comment as a whole. */
export function fieldErrorsOf(error: AppError | undefined): Partial<Record<CommentFormField, string>> {
  const fields = error?.details?.fields;
  if (!fields || typeof fields !== 'object') return {};
  const errors: Partial<Record<CommentFormField, string>> = {};
  for (const [name, message] of Object.entries(fields as Record<string, unknown>)) {
    const field = FORM_FIELD_OF[name];
    if (field && typeof message === 'string') errors[field] = message;
  }
  return errors;
}

export function presentCommenter(commenter: SignedInCommenter): CommenterVM {
  return {
    name: commenter.name,
    account: commenter.account,
    avatarUrl: commenter.avatarUrl,
    initials: initialsOf(commenter.name),
    hue: avatarHueOf(commenter.email || commenter.name),
  };
}

export function presentCommentForm(input: CommentFormInput): CommentFormVM {
  const { commenter, remembered, state } = input;
  const signedIn = commenter !== undefined && !input.changing;
  const restored = input.draftText === undefined ? EMPTY_COMMENT_FORM : { ...EMPTY_COMMENT_FORM, comment: input.draftText };
  const values: CommentFormValues = state?.values ?? (remembered
    ? { ...restored, author: remembered.name, email: remembered.email, url: remembered.url, remember: true }
    : restored);
  const changingFrom = commenter && input.changing ? presentCommenter(commenter) : null;
  const identity: CommentFormVM['identity'] = commenter && signedIn
    ? { kind: 'signed-in', commenter: presentCommenter(commenter) }
    : input.settings.commentRequireRegistration
      ? { kind: 'sign-in-required', signInHref: input.signInHref, changingFrom }
      : { kind: 'guest', requireNameEmail: input.settings.commentRequireNameEmail, changingFrom };
  const name = values.author.trim();
  const email = values.email.trim();
  return {
    action: COMMENT_POST_PATH,
    postId: input.postId,
    permalink: input.permalink,
    replyTo: input.replyTo,
    identity,
    signIn: {
      options: input.signInOptions,
      logoutAction: LOGOUT_PATH,
      returnTo: `${input.permalink}#respond`,
      changeHref: `${input.permalink}?change_identity=1#respond`,
      keepHref: `${input.permalink}#respond`,
      identityHref: `${COMMENT_IDENTITY_PATH}?post=${input.postId}`,
      draftHref: COMMENT_DRAFT_PATH,
    },
    values,
    errors: fieldErrorsOf(state?.error),
    alert: state?.error?.message ?? null,
    stamp: input.stamp,
    // A browser with a session posts with its token, also when "Change" makes its comment a guest's.
    csrfToken: commenter ? input.csrfToken : null,
    // Until a name is typed, a neutral circle: the script keeps it in step with the fields.
    avatar: name === '' ? { initials: '', hue: null } : { initials: initialsOf(name), hue: avatarHueOf(email || name) },
    previewHtml: state?.previewHtml ?? null,
    privacyHref: COMMENT_PRIVACY_PATH,
  };
}
