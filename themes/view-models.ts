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
  readonly authorName: string;
  readonly authorUrl: string | null;
  readonly avatarInitials: string;
  /** 0–11: one of twelve colours, so the page needs no inline style. */
  readonly avatarHue: number;
  readonly dateIso: string;
  readonly dateText: string;
  readonly contentHtml: string;
  readonly byPostAuthor: boolean;
  readonly depth: number;
  readonly replies: readonly CommentVM[];
}

export interface SingleVM {
  readonly post: PostMetaVM;
  readonly contentHtml: string;
  readonly isPage: boolean;
  readonly previous: LinkVM | null;
  readonly next: LinkVM | null;
  readonly comments: readonly CommentVM[];
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
}

export interface AdminDashboardVM {
  readonly heading: string;
  readonly roleLabel: string;
  readonly links: readonly (LinkVM & { readonly note: string })[];
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
