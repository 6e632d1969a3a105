// The contract between the HTTP layer and any theme: plain data, already formatted, not yet escaped.

export interface LinkVM {
  readonly href: string;
  readonly label: string;
}

export interface SiteVM {
  readonly title: string;
  readonly tagline: string;
  readonly homeHref: string;
  readonly language: string;
  readonly menu: readonly LinkVM[];
}

export interface CategoryTreeVM {
  readonly href: string;
  readonly name: string;
  readonly count: number;
  readonly children: readonly CategoryTreeVM[];
}

export interface SidebarVM {
  readonly searchWords: string;
  readonly recent: readonly LinkVM[];
  readonly categories: readonly CategoryTreeVM[];
  readonly archives: readonly (LinkVM & { readonly count: number })[];
}

export interface LayoutVM {
  readonly site: SiteVM;
  readonly sidebar: SidebarVM;
  /** The document title (without the site name). */
  readonly pageTitle: string | null;
  readonly canonicalHref: string | null;
  readonly stylesheetHref: string;
  readonly robots?: string;
  /** First-party scripts, loaded with `defer` (the CSP allows nothing inline). */
  readonly scripts?: readonly string[];
  /** Discovery and sharing: feeds, oEmbed, OpenGraph and Twitter meta, JSON-LD. */
  readonly head?: HeadVM;
}

export interface PostMetaVM {
  readonly id: number;
  readonly title: string;
  readonly href: string;
  readonly dateIso: string;
  readonly dateText: string;
  readonly author: LinkVM;
  readonly categories: readonly LinkVM[];
  readonly tags: readonly LinkVM[];
  readonly commentCount: number;
  readonly commentsOpen: boolean;
}

export interface PostCardVM extends PostMetaVM {
  /** Sanitized HTML of the full text, or undefined when the list shows excerpts. */
  readonly contentHtml?: string;
  /** Plain-text excerpt when the list shows excerpts. */
  readonly excerpt?: string;
  /** Escaped HTML of a search snippet with <mark>ed matches. */
  readonly snippetHtml?: string;
}

export interface PaginationVM {
  readonly page: number;
  readonly pages: number;
  readonly newerHref: string | null;
  readonly olderHref: string | null;
}

export interface ListVM {
  readonly kind: 'home' | 'category' | 'tag' | 'author' | 'date' | 'search';
  /** Heading of the archive, e.g. "Category: Travel"; null on the home page. */
  readonly heading: string | null;
  readonly description: string;
  readonly posts: readonly PostCardVM[];
  readonly pagination: PaginationVM;
  readonly emptyMessage: string;
}

export interface CommentVM {
  readonly id: number;
  readonly postId: number;
  readonly authorName: string;
  readonly authorUrl: string | null;
  readonly avatarInitials: string;
  /** 0–11: one of twelve colours, so the page needs no inline style. */
  readonly avatarHue: number;
  /** A Gravatar image when the site uses them; null: the local initials avatar. */
  readonly avatarImageUrl: string | null;
  readonly dateIso: string;
  readonly dateText: string;
  readonly contentHtml: string;
  readonly byPostAuthor: boolean;
  readonly depth: number;
  /** Held for moderation: shown to its author only, with "Your comment is awaiting moderation." */
  readonly awaitingModeration: boolean;
  /** Where "Reply" leads without JavaScript (PERMALINK?replytocom=ID#respond); null: no reply here (too deep, or held). */
  readonly replyHref: string | null;
  readonly replies: readonly CommentVM[];
}

/** How reply links show: a link to the form, a link to sign in (registration required), or none (comments closed). */
export type ReplyMode =
  | { readonly kind: 'reply' }
  | { readonly kind: 'sign-in'; readonly href: string }
  | { readonly kind: 'none' };

/** "Older comments" / "Newer comments" between the pages of a long thread. */
export interface CommentNavigationVM {
  readonly page: number;
  readonly pages: number;
  readonly olderHref: string | null;
  readonly newerHref: string | null;
}

export type CommentFormField = 'author' | 'email' | 'url' | 'comment';

export interface CommentFormValues {
  readonly author: string;
  readonly email: string;
  readonly url: string;
  readonly comment: string;
  readonly remember: boolean;
  readonly subscribe: 'none' | 'comments' | 'replies';
  readonly subscribePosts: boolean;
}

/** One way to sign in that the comment form offers: a provider's icon, the site account, or a mailed link. */
export interface SignInOptionVM {
  /** 'google', 'facebook', 'x', 'wordpress', 'github', 'oidc'; 'site' (the site account); 'email' (a mailed link). */
  readonly id: string;
  /** "Google", "Keycloak", the site's title…: what "Connecting to …" names. */
  readonly label: string;
  /** The link's accessible name: "Log in with Google". */
  readonly name: string;
  /** Where the plain link leads (the full-page flow, and without JavaScript). */
  readonly href: string;
  /** 'popup': a provider's sign-in, which the script opens in a small window; 'page': a page of this site. */
  readonly flow: 'popup' | 'page';
}

/** Who is writing, when someone is signed in: the identity block's avatar and sentence. */
export interface CommenterVM {
  readonly name: string;
  /** "Google", "The Offcut": "You are commenting using your {account} account." */
  readonly account: string;
  /** The identity's picture, stored on this site (/avatars/…); null: the initials. */
  readonly avatarUrl: string | null;
  readonly initials: string;
  /** 0–11, as comments' avatars. */
  readonly hue: number;
}

/**
 * Who the form lets write: a guest (name, e-mail, website), a signed-in account, or nobody until they sign in.
 * `changingFrom`: signed in, but "Change" was chosen: the icons (and guest fields) again, and a way back.
 */
export type CommentIdentityVM =
  | { readonly kind: 'guest'; readonly requireNameEmail: boolean; readonly changingFrom: CommenterVM | null }
  | { readonly kind: 'signed-in'; readonly commenter: CommenterVM }
  | { readonly kind: 'sign-in-required'; readonly signInHref: string; readonly changingFrom: CommenterVM | null };

/** The identity block's ways to sign in and out, and the addresses its script talks to. */
export interface CommentSignInVM {
  readonly options: readonly SignInOptionVM[];
  /** POST (with _csrf and return_to): ends the session. */
  readonly logoutAction: string;
  /** Where Log Out comes back to: the post's form. */
  readonly returnTo: string;
  /** PERMALINK?change_identity=1#respond: the icons and guest fields again, for a signed-in reader. */
  readonly changeHref: string;
  /** PERMALINK#respond: back to the signed-in identity from "Change". */
  readonly keepHref: string;
  /** GET → { html, csrf }: this block as it is now for this browser (the script's swap after a sign-in). */
  readonly identityHref: string;
  /** POST: keeps the typed text while the reader signs in in a full page (popup blocked). */
  readonly draftHref: string;
}

/** The "Leave a Reply" block (WordPress's #respond markup). */
export interface CommentFormVM {
  readonly action: string;
  readonly postId: number;
  /** The post's permalink: "Cancel reply" leads back to its form. */
  readonly permalink: string;
  readonly replyTo: { readonly id: number; readonly name: string } | null;
  readonly identity: CommentIdentityVM;
  readonly signIn: CommentSignInVM;
  readonly values: CommentFormValues;
  readonly errors: Readonly<Partial<Record<CommentFormField, string>>>;
  /** The refusal as a whole, shown above the form (role="alert"); null when there is none. */
  readonly alert: string | null;
  /** The signed form stamp (when the form was served). */
  readonly stamp: string;
  /** Only for a signed-in browser. */
  readonly csrfToken: string | null;
  readonly avatar: { readonly initials: string; readonly hue: number | null };
  /** Sanitized HTML of the comment being previewed; null when not previewing. */
  readonly previewHtml: string | null;
  readonly privacyHref: string;
}

export interface SingleVM {
  readonly post: PostMetaVM;
  readonly contentHtml: string;
  readonly isPage: boolean;
  readonly previous: LinkVM | null;
  readonly next: LinkVM | null;
  readonly comments: readonly CommentVM[];
  /** Comment pages; null when the thread fits one page. */
  readonly commentNavigation?: CommentNavigationVM | null;
  readonly replyMode?: ReplyMode;
  /** The form under the thread; null when comments are closed (or on pages). */
  readonly commentForm?: CommentFormVM | null;
  /** Server-Sent Events of newly approved comments (data-live); absent on pages. */
  readonly liveHref?: string;
  /** A fresh form stamp for the script (data-stamp). */
  readonly stampHref?: string;
  /** The post's featured image; absent or null: none. */
  readonly featuredImage?: FeaturedImageVM | null;
}

export interface ErrorVM {
  readonly status: number;
  readonly heading: string;
  readonly message: string;
  readonly details: readonly string[];
}

export interface FormFieldVM {
  readonly name: string;
  readonly label: string;
  readonly type: 'text' | 'email' | 'password';
  readonly value: string;
  readonly autocomplete: string;
  readonly required: boolean;
  readonly hint?: string;
  readonly error?: string;
}

export interface FormVM {
  readonly heading: string;
  readonly intro: string;
  readonly action: string;
  readonly csrfToken: string;
  readonly fields: readonly FormFieldVM[];
  readonly submitLabel: string;
  readonly errorSummary: string | null;
  /** Hidden fields besides _csrf (e.g. where to go after signing in). */
  readonly hidden?: readonly { readonly name: string; readonly value: string }[];
  /** A message about the whole form rather than one field (e.g. "The e-mail address or password is incorrect."). */
  readonly alert?: string | null;
}

export interface NoticeVM {
  readonly heading: string;
  readonly message: string;
  readonly link: LinkVM | null;
}

// ---- Admin (the staff screens under /admin/) ----------------------------------------------------

export interface AdminNavItemVM extends LinkVM {
  readonly current: boolean;
  /** A number worth the reader's attention (pending comments), shown beside the label. */
  readonly count?: number;
}

export interface AdminLayoutVM {
  readonly siteTitle: string;
  readonly language: string;
  /** The document title (without the site name). */
  readonly pageTitle: string;
  readonly stylesheetHref: string;
  /** Empty on the sign-in page. */
  readonly nav: readonly AdminNavItemVM[];
  /** The signed-in person's name and the Log Out form; null when nobody is signed in. */
  readonly session: { readonly displayName: string; readonly logoutAction: string; readonly csrfToken: string } | null;
  /** First-party scripts of the screen, loaded with `defer` (the CSP allows nothing inline). */
  readonly scripts?: readonly string[];
}

export interface ModerationTabVM extends LinkVM {
  readonly count: number;
  readonly current: boolean;
}

export interface ModerationActionVM {
  /** Where the button's form posts. */
  readonly href: string;
  readonly label: string;
  /** Cannot be undone: styled as a warning. */
  readonly destructive: boolean;
  /** A ban: the form also asks for a reason and one of these durations. */
  readonly ban?: { readonly durations: readonly { readonly value: string; readonly label: string }[] };
}

export interface ModerationCommentVM {
  readonly id: number;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly post: LinkVM;
  readonly dateIso: string;
  readonly dateText: string;
  /** Plain text from the sanitized comment, shortened. */
  readonly excerpt: string;
  readonly actions: readonly ModerationActionVM[];
}

export interface ModerationVM {
  readonly heading: string;
  /** What the last action did ("Comment approved."), or null. */
  readonly notice: string | null;
  readonly tabs: readonly ModerationTabVM[];
  readonly comments: readonly ModerationCommentVM[];
  readonly emptyMessage: string;
  readonly csrfToken: string;
  /** Sent back with every action as hidden fields, so the list comes back as it was. */
  readonly hidden: readonly { readonly name: string; readonly value: string }[];
  readonly pagination: PaginationVM;
}

/** What a public page tells feed readers, embedders, social sites and search engines about itself. */
export interface HeadVM {
  /** <link>s: the REST API, the site's feeds, this page's feed, a post's JSON, shortlink and oEmbed. Absolute hrefs. */
  readonly links: readonly { readonly rel: string; readonly type?: string; readonly title?: string; readonly href: string }[];
  /** OpenGraph (`property`) and Twitter (`name`) meta tags, in order. */
  readonly meta: readonly { readonly attribute: 'property' | 'name'; readonly key: string; readonly content: string }[];
  /** A schema.org object (BlogPosting on posts); the theme writes it as JSON that cannot end its script element. */
  readonly jsonLd: Readonly<Record<string, unknown>> | null;
}

/** An image from the media library with every size it has (srcset), as <img> needs it. */
export interface FeaturedImageVM {
  readonly src: string;
  readonly srcset: string;
  readonly sizes: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
  readonly caption: string;
}
