// /admin/profile: your own account for every signed-in person: display name, e-mail (a new address is mailed a
// confirmation link), website, biography; a new password (the current one asked; your other sessions end); and
// your application passwords.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { passwordProblem } from '../../features/accounts/index.js';
import { isImageType, thumbnailUrl } from '../../features/media/index.js';
import { type User, type UserProfile, can, userNotFound } from '../../features/users/index.js';
import { isAppError } from '../../kernel/errors.js';
import { type FieldVM, type PasswordFieldVM, renderProfile } from '../../../themes/default/index.js';
import { requireUser } from '../auth/current-user.js';
import { createPasswordSignIn } from '../auth/password-sign-in.js';
import { startSession } from '../auth/start-session.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { markAdminResponse, sendAdminPage } from './page.js';
import { ADMIN_PATHS } from './present.js';
import { APP_PASSWORD_NOTICES, type AppPasswordsState, presentAppPasswords, registerAppPasswordRoutes } from './profile-app-passwords.js';
import { editUserFields } from './users.present.js';

type Fields = Readonly<Record<string, unknown>>;
type Errors = Readonly<Record<string, string>>;
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const READ = { access: { capability: 'read' } } as const;
const PASSWORD_PATH = `${ADMIN_PATHS.profile}/password`;
const KEYS_PATH = `${ADMIN_PATHS.profile}/app-passwords`;
const AVATAR_PATH = `${ADMIN_PATHS.profile}/avatar`;

const NOTICES: Readonly<Record<string, string>> = {
  updated: 'Profile updated.',
  'email-sent': 'Profile updated. We mailed a link to your new e-mail address: open it to confirm the address.',
  password: 'Password changed. Your other sessions were signed out.',
  avatar: 'Profile picture updated.',
  ...APP_PASSWORD_NOTICES,
};

interface ProfileForm {
  readonly values?: { displayName: string; email: string; url: string; bio: string };
  readonly errors?: Errors;
  readonly passwordErrors?: Errors;
  readonly avatar?: { readonly value: string; readonly error: string };
  readonly notice?: string | null;
  readonly keys?: AppPasswordsState;
}

function passwordFields(errors: Errors): PasswordFieldVM[] {
  return [
    { name: 'currentPassword', label: 'Current Password', autocomplete: 'current-password', error: errors.currentPassword },
    { name: 'newPassword', label: 'New Password', autocomplete: 'new-password', error: errors.newPassword, hint: '8 to 256 characters; a few unrelated words make a strong one.' },
  ];
}

export function registerProfileRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const { users, accounts, sessions, media } = deps.services;
  // The current password is checked as a sign-in is, rate limit included: a borrowed session cannot guess it.
  const signIn = createPasswordSignIn({ users, counters: deps.counters });

  async function profileOf(user: User): Promise<UserProfile> {
    const profile = await users.findProfile(user.id);
    if (!profile) throw userNotFound();
    return profile;
  }

  async function page(request: FastifyRequest, reply: FastifyReply, user: User, form: ProfileForm, status = 200) {
    const profile = await profileOf(user);
    const errors = form.errors ?? {};
    const passwordErrors = form.passwordErrors ?? {};
    const main = renderProfile({
      heading: 'Profile',
      notice: form.notice ?? null,
      csrfToken: deps.csrf.tokenFor(request, reply),
      profile: {
        action: ADMIN_PATHS.profile,
        fields: editUserFields(form.values ?? { displayName: profile.displayName, email: profile.email, url: profile.url, bio: profile.bio }, errors),
        errorSummary: Object.keys(errors).length > 0 ? 'Your profile was not updated. Please correct the following:' : null,
      },
      password: {
        action: PASSWORD_PATH, fields: passwordFields(passwordErrors),
        errorSummary: Object.keys(passwordErrors).length > 0 ? 'Your password was not changed:' : null,
      },
      avatar: await presentAvatar(profile, form.avatar),
      appPasswords: await presentAppPasswords(deps, request, reply, user, KEYS_PATH, form.keys ?? {}),
    });
    return sendAdminPage(deps, request, reply, { pageTitle: 'Profile', user, section: 'profile' }, main, status);
  }

  /** Your picture, and the choice among your own images (only those who may upload have any). */
  async function presentAvatar(profile: UserProfile, typed: ProfileForm['avatar']) {
    const current = profile.avatarMediaId === null ? undefined : await media.findById(profile.avatarMediaId);
    const imageUrl = current ? (thumbnailUrl(current) ?? null) : null;
    const note = imageUrl ? 'Your profile picture, from the media library.' : 'Without a picture, your initials (or your Gravatar) are shown.';
    if (!can(profile.role, 'upload_files')) return { imageUrl, note, form: null };
    const images = await media.list({ kind: 'image', authorId: profile.id, perPage: 100 });
    const field: FieldVM = {
      control: 'select', name: 'avatar', label: 'Profile picture', value: typed?.value ?? String(profile.avatarMediaId ?? ''), error: typed?.error,
      hint: 'One of the images you uploaded to the media library.',
      options: [{ value: '', label: 'None (initials or Gravatar)' }, ...images.items.map((m) => ({ value: String(m.id), label: m.title || m.originalName }))],
    };
    return { imageUrl, note, form: { action: AVATAR_PATH, field, errorSummary: typed ? 'Your profile picture was not changed:' : null } };
  }

  app.get<{ Querystring: Fields }>(ADMIN_PATHS.profile, { config: READ }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const done = text(request.query.done);
    return page(request, reply, user, { notice: Object.hasOwn(NOTICES, done) ? NOTICES[done] : null });
  });

  app.post<{ Body: Fields }>(ADMIN_PATHS.profile, { config: READ }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const values = { displayName: text(body.displayName), email: text(body.email), url: text(body.url), bio: text(body.bio) };
    let updated: UserProfile;
    try {
      updated = await users.updateProfile(user.id, values);
    } catch (error) {
      if (!isAppError(error) || (error.kind !== 'invalid' && error.kind !== 'conflict')) throw error;
      const errors = (error.details?.fields ?? { email: error.message }) as Record<string, string>;
      return page(request, reply, user, { values, errors }, statusOf(error.kind));
    }
    // The name comments show lives on the account's site identity too.
    if (updated.displayName !== user.displayName) await accounts.updateDisplayName(user.id, updated.displayName);
    const emailChanged = updated.email !== user.email;
    if (emailChanged) await accounts.requestVerification(user.id);
    request.log.info({ userId: user.id, emailChanged }, 'profile updated');
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.profile}?done=${emailChanged ? 'email-sent' : 'updated'}`, 303);
  });

  app.post<{ Body: Fields }>(PASSWORD_PATH, { config: READ }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const next = text(body.newPassword);
    if (!(await signIn.attempt(request, reply, user.email, text(body.currentPassword))).ok) {
      return page(request, reply, user, { passwordErrors: { currentPassword: 'This is not your current password.' } }, 400);
    }
    const problem = passwordProblem(next, user.email);
    if (problem) return page(request, reply, user, { passwordErrors: { newPassword: problem } }, 400);
    await users.updatePassword(user.id, next);
    // Whoever knew the old password is signed out everywhere; this browser gets a new session at once.
    await sessions.destroyAllForUser(user.id);
    await startSession({ sessions, publicUrl: deps.config.publicUrl }, request, reply, user.id);
    request.log.info({ userId: user.id }, 'password changed from the profile');
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.profile}?done=password`, 303);
  });

  app.post<{ Body: Fields }>(AVATAR_PATH, { config: { access: { capability: 'upload_files' } } }, async (request, reply) => {
    const user = await requireUser(request, deps.services);
    const body = request.body ?? {};
    deps.csrf.verify(request, body._csrf);
    const value = text(body.avatar);
    const chosen = /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? await media.findById(Number(value)) : undefined;
    // Only an image of your own: a picture is not borrowed from someone else's uploads.
    if (value !== '' && !(chosen && chosen.authorId === user.id && isImageType(chosen.mimeType))) {
      return page(request, reply, user, { avatar: { value, error: 'Choose one of the images you uploaded, or none.' } }, 400);
    }
    await users.setAvatar(user.id, chosen ? chosen.id : null);
    return markAdminResponse(reply).redirect(`${ADMIN_PATHS.profile}?done=avatar`, 303);
  });

  registerAppPasswordRoutes(app, deps, {
    path: KEYS_PATH,
    access: { capability: 'read' },
    owner: async (_request, actor) => actor,
    sendPage: (request, reply, actor, _owner, keys, status) => page(request, reply, actor, { keys }, status),
    pageHref: (_owner, done) => `${ADMIN_PATHS.profile}?done=${done}#application-passwords`,
  });
}
