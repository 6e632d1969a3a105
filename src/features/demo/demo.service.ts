// Seeds the demo site through the same services an editor uses; running it twice adds nothing.
import type { CommentsService } from '../comments/index.js';
import type { PostsService } from '../posts/index.js';
import type { SettingsService } from '../settings/index.js';
import type { TaxonomyService, Term } from '../taxonomy/index.js';
import type { User, UsersService } from '../users/index.js';
import type { DemoComment, DemoSite } from './demo.js';

export interface SeedReport {
  readonly users: number;
  readonly categories: number;
  readonly posts: number;
  readonly pages: number;
  readonly comments: number;
}

export interface DemoDeps {
  readonly users: UsersService;
  readonly posts: PostsService;
  readonly taxonomy: TaxonomyService;
  readonly comments: CommentsService;
  readonly settings: SettingsService;
}

export async function seedDemoSite(deps: DemoDeps, site: DemoSite): Promise<SeedReport> {
  const added = { users: 0, categories: 0, posts: 0, pages: 0, comments: 0 };

  const authors = new Map<string, User>();
  for (const author of site.authors) {
    let user = await deps.users.findByLogin(author.login);
    if (!user) {
      user = await deps.users.create({ ...author, displayName: author.displayName });
      added.users++;
    }
    authors.set(author.login, user);
  }

  const categories = new Map<string, Term>();
  for (const category of site.categories) {
    let term = await deps.taxonomy.findBySlug('category', category.slug);
    if (!term) {
      const parentId = category.parent ? categories.get(category.parent)?.id ?? null : null;
      term = await deps.taxonomy.create('category', { ...category, parentId });
      added.categories++;
    }
    categories.set(category.slug, term);
  }

  const firstSeeding = (await deps.posts.findBySlug('post', site.posts[0]?.slug ?? '')) === undefined;
  if (firstSeeding) await deps.settings.update({ title: site.title, tagline: site.tagline });

  for (const demo of site.posts) {
    if (await deps.posts.findBySlug('post', demo.slug)) continue;
    const author = authors.get(demo.author);
    if (!author) throw new Error(`Demo post ${demo.slug} names an unknown author ${demo.author}`);
    const tags = await deps.taxonomy.ensureTags(demo.tags);
    const categoryIds = demo.categories.map((slug) => categories.get(slug)?.id).filter((id): id is number => id !== undefined);
    const post = await deps.posts.create(
      {
        title: demo.title,
        slug: demo.slug,
        source: demo.markdown,
        excerpt: demo.excerpt,
        status: 'published',
        publishedAt: demo.publishedAt,
        termIds: [...categoryIds, ...tags.map((t) => t.id)],
      },
      author,
    );
    added.posts++;
    const postTime = Date.parse(demo.publishedAt);
    const insertAll = async (comments: readonly DemoComment[], parentId: number | null): Promise<void> => {
      for (const comment of comments) {
        const commenter = [...authors.values()].find((u) => u.email === comment.authorEmail);
        const id = await deps.comments.insertTrusted({
          postId: post.id,
          parentId,
          status: 'approved',
          authorName: comment.authorName,
          authorEmail: comment.authorEmail,
          authorUrl: comment.authorUrl,
          userId: commenter?.id ?? null,
          source: comment.body,
          createdAt: new Date(postTime + comment.minutesAfterPost * 60_000).toISOString(),
        });
        added.comments++;
        await insertAll(comment.replies ?? [], id);
      }
    };
    await insertAll(demo.comments ?? [], null);
  }

  const editor = [...authors.values()].find((u) => u.role === 'editor') ?? [...authors.values()][0];
  for (const page of site.pages) {
    if (!editor || (await deps.posts.findBySlug('page', page.slug))) continue;
    await deps.posts.create(
      { type: 'page', title: page.title, slug: page.slug, source: page.markdown, status: 'published', menuOrder: page.menuOrder, publishedAt: site.posts[0]?.publishedAt },
      editor,
    );
    added.pages++;
  }
  return added;
}
