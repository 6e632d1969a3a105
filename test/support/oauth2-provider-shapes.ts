// What the local OAuth 2 stand-ins answer, in the JSON shapes of Facebook, X, WordPress.com and GitHub (their docs, abridged).

export type OAuth2Flavour = 'facebook' | 'x' | 'wordpress' | 'github';

export const OAUTH2_FLAVOURS: readonly OAuth2Flavour[] = ['facebook', 'x', 'wordpress', 'github'];

/** The person signed in at the provider, in neutral terms; each flavour renders it its own way. */
export interface ProviderPerson {
  /** The provider's stable id (numeric strings everywhere; WordPress.com and GitHub send numbers). */
  readonly id: string;
  /** null: the person set no display name (GitHub's `name` may be null; the others fall back to the username). */
  readonly name: string | null;
  readonly username: string;
  /** null: no e-mail given (X never gives one; Facebook omits the field; GitHub has no verified primary). */
  readonly email: string | null;
  readonly emailVerified: boolean;
  /** false: the account has no picture (Facebook's silhouette, X's default, WordPress.com's blank Gravatar). */
  readonly hasPicture: boolean;
  /** The picture URL sent instead of the server's own /avatar/<id>.png (hostile-value tests). */
  readonly pictureUrl?: string;
}

/** WordPress.com and GitHub send ids as JSON numbers; a non-numeric test id is sent as it is. */
function numericId(id: string): number | string {
  return /^\d{1,15}$/.test(id) ? Number(id) : id;
}

export interface Endpoints {
  readonly authorize: string;
  readonly token: string;
  readonly profile: string;
}

/** Paths as on the real hosts, so that a configured URL reads like the real one. */
export const ENDPOINTS: Readonly<Record<OAuth2Flavour, Endpoints>> = {
  facebook: { authorize: '/v19.0/dialog/oauth', token: '/v19.0/oauth/access_token', profile: '/me' },
  x: { authorize: '/i/oauth2/authorize', token: '/2/oauth2/token', profile: '/2/users/me' },
  wordpress: { authorize: '/oauth2/authorize', token: '/oauth2/token', profile: '/rest/v1/me' },
  github: { authorize: '/login/oauth/authorize', token: '/login/oauth/access_token', profile: '/user' },
};

export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A successful token response. */
export function tokenAnswer(flavour: OAuth2Flavour, accessToken: string, scope: string): JsonAnswer {
  switch (flavour) {
    case 'facebook':
      return { status: 200, body: { access_token: accessToken, token_type: 'bearer', expires_in: 5183944 } };
    case 'x':
      return { status: 200, body: { token_type: 'bearer', expires_in: 7200, access_token: accessToken, scope } };
    case 'wordpress':
      return { status: 200, body: { access_token: accessToken, token_type: 'bearer', blog_id: '0', blog_url: null, scope } };
    case 'github':
      // GitHub separates granted scopes with commas.
      return { status: 200, body: { access_token: accessToken, token_type: 'bearer', scope: scope.split(/[ ,]+/).join(',') } };
  }
}

export type TokenProblem = 'client' | 'grant' | 'request';

/** A refused token request, the way each provider words it (GitHub answers 200 with an error body). */
export function tokenError(flavour: OAuth2Flavour, problem: TokenProblem, description: string): JsonAnswer {
  switch (flavour) {
    case 'facebook':
      return { status: 400, body: { error: { message: description, type: 'OAuthException', code: problem === 'client' ? 1 : 100, fbtrace_id: 'AbCdEfGh' } } };
    case 'x':
      return problem === 'client'
        ? { status: 401, body: { error: 'unauthorized_client', error_description: description } }
        : { status: 400, body: { error: problem === 'grant' ? 'invalid_grant' : 'invalid_request', error_description: description } };
    case 'wordpress':
      return { status: 400, body: { error: problem === 'client' ? 'invalid_client' : problem === 'grant' ? 'invalid_grant' : 'invalid_request', error_description: description } };
    case 'github': {
      const error = problem === 'client' ? 'incorrect_client_credentials' : problem === 'grant' ? 'bad_verification_code' : 'invalid_request';
      return { status: 200, body: { error, error_description: description, error_uri: `https://docs.github.com/apps/troubleshooting#${error}` } };
    }
  }
}

/** The answer to a profile request without a valid access token. */
export function unauthorizedProfile(flavour: OAuth2Flavour): JsonAnswer {
  switch (flavour) {
    case 'facebook':
      return { status: 400, body: { error: { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190, fbtrace_id: 'AbCdEfGh' } } };
    case 'x':
      return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    case 'wordpress':
      return { status: 403, body: { error: 'authorization_required', message: 'An active access token must be used to query information about the current user.' } };
    case 'github':
      return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } };
  }
}

/**
 * Facebook's Graph `/me`: only the fields asked for (`fields=id,name,email,picture.width(96).height(96)`), so an
 * app that forgets to ask for `email` gets none; the e-mail is only there when the person has a confirmed one.
 */
export function facebookMe(person: ProviderPerson, fields: readonly string[], avatarUrl: string): Record<string, unknown> {
  const wanted = new Set(fields.map((field) => field.replace(/\..*$/, '')));
  const me: Record<string, unknown> = { id: person.id };
  if (wanted.has('name')) me.name = person.name ?? person.username;
  if (wanted.has('email') && person.email !== null && person.emailVerified) me.email = person.email;
  if (wanted.has('picture')) {
    const size = Number(/picture\.width\((\d+)\)/.exec(fields.join(','))?.[1] ?? 50);
    me.picture = { data: { height: size, is_silhouette: !person.hasPicture, url: avatarUrl, width: size } };
  }
  return me;
}

/** X's `/2/users/me`: id, name and username always; profile_image_url only when `user.fields` asks for it. */
export function xMe(person: ProviderPerson, userFields: readonly string[], avatarUrl: string): Record<string, unknown> {
  const data: Record<string, unknown> = { id: person.id, name: person.name ?? person.username, username: person.username };
  if (userFields.includes('profile_image_url')) data.profile_image_url = avatarUrl;
  return { data };
}

/** WordPress.com's `/rest/v1/me` (abridged: the fields a sign-in reads, and a few it does not). */
export function wordpressMe(person: ProviderPerson, avatarUrl: string, origin: string): Record<string, unknown> {
  return {
    ID: numericId(person.id),
    display_name: person.name ?? person.username,
    username: person.username,
    email: person.email ?? '',
    primary_blog: 0,
    language: 'en',
    token_site_id: false,
    token_scope: ['auth'],
    avatar_URL: avatarUrl,
    profile_URL: `${origin}/${person.username}`,
    verified: person.emailVerified,
    email_verified: person.emailVerified,
    date: '2019-04-01T10:00:00+00:00',
    site_count: 0,
    visible_site_count: 0,
    has_unseen_notes: false,
    newest_note_type: '',
    phone_account: false,
  };
}

/** GitHub's `/user`: `email` is the public e-mail, often null; the verified ones come from `/user/emails`. */
export function githubUser(person: ProviderPerson, avatarUrl: string, origin: string): Record<string, unknown> {
  return {
    login: person.username,
    id: numericId(person.id),
    node_id: `U_kgDO${person.id}`,
    avatar_url: avatarUrl,
    gravatar_id: '',
    url: `${origin}/users/${person.username}`,
    html_url: `${origin}/${person.username}`,
    type: 'User',
    site_admin: false,
    name: person.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 2,
    followers: 1,
    following: 0,
    created_at: '2015-03-01T12:00:00Z',
    updated_at: '2026-11-01T12:00:00Z',
  };
}

/**
 * GitHub's `/user/emails`: the person's address as primary (verified or not), an unverified old address, and the
 * verified but non-primary noreply address GitHub gives everyone, which a sign-in must not mistake for the primary.
 */
export function githubEmails(person: ProviderPerson): readonly Record<string, unknown>[] {
  const noreply = { email: `${person.id}+${person.username}@users.noreply.github.com`, primary: false, verified: true, visibility: null };
  const old = { email: `${person.username}-old@example.net`, primary: false, verified: false, visibility: null };
  const primary = person.email === null
    ? { email: `${person.username}@unconfirmed.example`, primary: true, verified: false, visibility: 'private' }
    : { email: person.email, primary: true, verified: person.emailVerified, visibility: 'private' };
  return [old, noreply, primary];
}
