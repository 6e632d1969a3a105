// The arguments of /wp/v2/posts and /wp/v2/pages as WordPress 6.1 declares them (names, types, enums, bounds),
// for reading, writing and deleting; the index lists exactly these.
import type { PostType } from '../../features/posts/index.js';
import type { ArgSpecs } from './args.js';
import { PAGING_ARGS } from './collection.js';

/** WordPress's post statuses, as the API names them. */
export const WP_STATUSES = ['publish', 'future', 'draft', 'pending', 'private', 'trash'] as const;
export type WpStatus = (typeof WP_STATUSES)[number];

const CONTEXT = { type: 'string', enum: ['view', 'embed', 'edit'], default: 'view', description: 'Scope under which the request is made; determines fields present in response.' } as const;
const IDS = { type: 'array', items: { type: 'integer' }, default: [] } as const;
const ID = { type: 'integer', description: 'Unique identifier for the post.' } as const;

const ORDERBY = ['author', 'date', 'id', 'include', 'modified', 'parent', 'relevance', 'slug', 'include_slugs', 'title'] as const;

function listArgs(type: PostType): ArgSpecs {
  const common: ArgSpecs = {
    context: CONTEXT,
    ...PAGING_ARGS,
    search: { type: 'string', description: 'Limit results to those matching a string.' },
    after: { type: 'string', format: 'date-time', description: 'Limit response to posts published after a given ISO8601 compliant date.' },
    before: { type: 'string', format: 'date-time', description: 'Limit response to posts published before a given ISO8601 compliant date.' },
    author: { ...IDS, description: 'Limit result set to posts assigned to specific authors.' },
    author_exclude: { ...IDS, description: 'Ensure result set excludes posts assigned to specific authors.' },
    exclude: { ...IDS, description: 'Ensure result set excludes specific IDs.' },
    include: { ...IDS, description: 'Limit result set to specific IDs.' },
    order: { type: 'string', default: 'desc', enum: ['asc', 'desc'], description: 'Order sort attribute ascending or descending.' },
    orderby: {
      type: 'string', default: 'date', enum: type === 'page' ? [...ORDERBY, 'menu_order'] : ORDERBY, description: 'Sort collection by post attribute.',
    },
    slug: { type: 'array', items: { type: 'string' }, description: 'Limit result set to posts with one or more specific slugs.' },
    status: { type: 'array', items: { type: 'string', enum: [...WP_STATUSES, 'any'] }, default: ['publish'], description: 'Limit result set to posts assigned one or more statuses.' },
  };
  if (type === 'page') {
    return {
      ...common,
      parent: { ...IDS, description: 'Limit result set to items with particular parent IDs.' },
    };
  }
  return {
    ...common,
    categories: { ...IDS, description: 'Limit result set to items with specific terms assigned in the categories taxonomy.' },
    categories_exclude: { ...IDS, description: 'Limit result set to items except those with specific terms assigned in the categories taxonomy.' },
    tags: { ...IDS, description: 'Limit result set to items with specific terms assigned in the tags taxonomy.' },
    tags_exclude: { ...IDS, description: 'Limit result set to items except those with specific terms assigned in the tags taxonomy.' },
    sticky: { type: 'boolean', description: 'Limit result set to items that are sticky.' },
  };
}

function writeArgs(type: PostType): ArgSpecs {
  const common: ArgSpecs = {
    date: { type: 'string', format: 'date-time', description: "The date the post was published, in the site's timezone." },
    date_gmt: { type: 'string', format: 'date-time', description: 'The date the post was published, as GMT.' },
    slug: { type: 'string', description: 'An alphanumeric identifier for the post unique to its type.' },
    status: { type: 'string', enum: ['publish', 'future', 'draft', 'pending', 'private'], description: 'A named status for the post.' },
    password: { type: 'string', description: 'A password to protect access to the content and excerpt.' },
    title: { type: 'object', orString: true, description: 'The title for the post.' },
    content: { type: 'object', orString: true, description: 'The content for the post.' },
    excerpt: { type: 'object', orString: true, description: 'The excerpt for the post.' },
    author: { type: 'integer', description: 'The ID for the author of the post.' },
    featured_media: { type: 'integer', description: 'The ID of the featured media for the post.' },
    comment_status: { type: 'string', enum: ['open', 'closed'], description: 'Whether or not comments are open on the post.' },
    ping_status: { type: 'string', enum: ['open', 'closed'], description: 'Whether or not the post can be pinged.' },
    meta: { type: 'object', description: 'Meta fields.' },
    template: { type: 'string', description: 'The theme file to use to display the post.' },
  };
  if (type === 'page') {
    return {
      ...common,
      parent: { type: 'integer', description: 'The ID for the parent of the post.' },
      menu_order: { type: 'integer', description: 'The order of the post in relation to other posts.' },
    };
  }
  return {
    ...common,
    format: { type: 'string', enum: ['standard', 'aside', 'chat', 'gallery', 'link', 'image', 'quote', 'status', 'video', 'audio'], description: 'The format for the post.' },
    sticky: { type: 'boolean', description: 'Whether or not the post should be treated as sticky.' },
    categories: { type: 'array', items: { type: 'integer' }, description: 'The terms assigned to the post in the category taxonomy.' },
    tags: { type: 'array', items: { type: 'integer' }, description: 'The terms assigned to the post in the post_tag taxonomy.' },
  };
}

export function postArgs(type: PostType) {
  return {
    list: listArgs(type),
    create: writeArgs(type),
    read: { id: ID, context: CONTEXT, password: { type: 'string', description: 'The password for the post if it is password protected.' } },
    update: { id: ID, ...writeArgs(type) },
    delete: { id: ID, force: { type: 'boolean', default: false, description: 'Whether to bypass Trash and force deletion.' } },
  } satisfies Record<string, ArgSpecs>;
}
