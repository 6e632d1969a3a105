// What the HTTP layer is given by app.ts: services, configuration and request helpers.
import type { Config } from '../config/schema.js';
import type { AccountsService } from '../features/accounts/index.js';
import type { AppPasswordsService } from '../features/app-passwords/index.js';
import type { CommentDraftsService } from '../features/comment-drafts/index.js';
import type { CommentsService } from '../features/comments/index.js';
import type { IdentityService, ProviderSignInService } from '../features/identity/index.js';
import type { MediaService } from '../features/media/index.js';
import type { PasskeysService } from '../features/passkeys/index.js';
import type { PostsService, RevisionsService } from '../features/posts/index.js';
import type { PrivacyService } from '../features/privacy/index.js';
import type { SessionsService } from '../features/sessions/index.js';
import type { SettingsService } from '../features/settings/index.js';
import type { SetupService } from '../features/setup/index.js';
import type { SubscriptionsService } from '../features/subscriptions/index.js';
import type { SyndicationService } from '../features/syndication/index.js';
import type { TaxonomyService } from '../features/taxonomy/index.js';
import type { TokensService } from '../features/tokens/index.js';
import type { UsersService } from '../features/users/index.js';
import type { WxrService } from '../features/wxr/index.js';
import type { Clock } from '../kernel/clock.js';
import type { CounterStore } from '../kernel/counters.js';
import type { Signer } from '../kernel/signed.js';
import type { ChangeBus } from '../kernel/events.js';
import type { Asset } from './assets.route.js';
import type { PageCacheHttp } from './cache/page-cache.hooks.js';
import type { Csrf } from './csrf.js';

export interface Services {
  readonly settings: SettingsService;
  readonly users: UsersService;
  readonly posts: PostsService;
  readonly taxonomy: TaxonomyService;
  readonly comments: CommentsService;
  readonly setup: SetupService;
  readonly sessions: SessionsService;
  /** E-mail subscriptions (double opt-in): the signed links in mail confirm and end them. */
  readonly subscriptions: SubscriptionsService;
  /** A commenter's download and erasure of their own comments and subscriptions. */
  readonly privacy: PrivacyService;
  /** Identities (provider + subject) of accounts: sign-in with a provider's profile, link, list, unlink; avatars. */
  readonly identities: IdentityService;
  /** The OAuth 2 / OpenID Connect flow of the enabled providers (/auth/:provider/start and /callback). */
  readonly providerSignIn: ProviderSignInService;
  /** Site accounts: registration, mailed links (confirmation, reset, e-mail sign-in), identities. */
  readonly accounts: AccountsService;
  /** Passkeys (WebAuthn) of accounts: registration and sign-in options, verifying the browser's answers, the list. */
  readonly passkeys: PasskeysService;
  /** The comment text kept while its reader signs in in a full page (their browser blocked the popup). */
  readonly commentDrafts: CommentDraftsService;
  /** One-time tokens (stored hashed): the daily clean-up deletes spent ones. */
  readonly tokens: TokensService;
  /** Uploads under <data dir>/uploads: sniffed, size-limited, images resized; their descriptions; deletion. */
  readonly media: MediaService;
  /** The editor's revisions (diff, restore), autosaves and edit locks ("X is currently editing"). */
  readonly revisions: RevisionsService;
  /** Application passwords: HTTP Basic credentials for /wp-json (made, listed, revoked by their owner; checked per request). */
  readonly appPasswords: AppPasswordsService;
  /** What feeds and sitemaps read: recent public comments and sitemap files. */
  readonly syndication: SyndicationService;
  /** WordPress (WXR) import and export, and the old WordPress addresses an import left behind. */
  readonly wxr: WxrService;
}

export interface HttpDeps {
  readonly config: Config;
  readonly services: Services;
  readonly csrf: Csrf;
  /** Signs and checks the tokens of links and forms (comment form stamps, pending-comment cookies, mailed links). */
  readonly signer: Signer;
  /** The time as the services see it (tests move it). */
  readonly clock: Clock;
  /** What changed, as services announce it: presentation-level caches listen. */
  readonly events: ChangeBus;
  /** Shared counters for rate limits (sign-in attempts): in-process, or shared by every process. */
  readonly counters: CounterStore;
  /** The theme's static files by plain name (quire.css). */
  readonly assets: ReadonlyMap<string, Asset>;
  /** True when the database answers. */
  readonly isHealthy: () => Promise<boolean>;
  /** The page cache and whether it can be trusted; absent: no cache, caching headers only. */
  readonly pageCache?: PageCacheHttp;
}
