// /wp/v2/statuses: the post statuses, as WordPress names them. Everyone sees "publish"; the others are shown to
// callers who may write posts or pages (WordPress: edit_posts of any type), as WordPress's status controller does.
import { canCreatePost } from '../../features/posts/index.js';
import type { User } from '../../features/users/index.js';
import type { WpApi } from './api.js';
import { CURIES, apiUrl } from './links.js';
import type { WpStatus } from './posts.args.js';
import { wpError } from './wp-error.js';

interface StatusInfo {
  readonly slug: WpStatus;
  readonly name: string;
  readonly public: boolean;
  /** Its date follows the save until one is chosen (drafts, pending). */
  readonly dateFloating: boolean;
}

const STATUSES: readonly StatusInfo[] = [
  { slug: 'publish', name: 'Published', public: true, dateFloating: false },
  { slug: 'future', name: 'Scheduled', public: false, dateFloating: false },
  { slug: 'draft', name: 'Draft', public: false, dateFloating: true },
  { slug: 'pending', name: 'Pending', public: false, dateFloating: true },
  { slug: 'private', name: 'Private', public: false, dateFloating: false },
  { slug: 'trash', name: 'Trash', public: false, dateFloating: false },
];

const CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;

const maySee = (status: StatusInfo, caller: User | undefined) =>
  status.public || (caller !== undefined && (canCreatePost(caller, 'post') || canCreatePost(caller, 'page')));

function present(api: WpApi, status: StatusInfo) {
  return {
    name: status.name,
    public: status.public,
    queryable: status.public,
    slug: status.slug,
    date_floating: status.dateFloating,
    _links: { archives: [{ href: apiUrl(api.deps, '/wp/v2/posts') }, { href: apiUrl(api.deps, '/wp/v2/pages') }], curies: CURIES },
  };
}

export function registerStatusRoutes(api: WpApi): void {
  api.route('/wp/v2/statuses', {
    methods: ['GET'],
    args: { context: CONTEXT },
    handler: async ({ caller }) => ({ body: Object.fromEntries(STATUSES.filter((s) => maySee(s, caller)).map((s) => [s.slug, present(api, s)])) }),
  });
  api.route('/wp/v2/statuses/:status', {
    methods: ['GET'],
    args: { status: { type: 'string', description: 'An alphanumeric identifier for the status.' }, context: CONTEXT },
    async handler({ args, caller }) {
      const status = STATUSES.find((s) => s.slug === args.string('status'));
      if (!status) throw wpError('rest_status_invalid', 'Invalid status.', 404);
      if (!maySee(status, caller)) throw wpError('rest_cannot_read_status', 'Cannot view status.', caller ? 403 : 401);
      return { body: present(api, status) };
    },
  });
}
