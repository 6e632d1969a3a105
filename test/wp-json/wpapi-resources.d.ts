// More of the untyped npm `wpapi` 1.2.2 client (beside wpapi.d.ts, whose request type is its own): the category
// and comment routes and the per-request credentials that test/wp-json/wpapi-resources.test.ts uses.
declare module 'wpapi' {
  export interface ResourceRequest {
    auth(credentials: { readonly username: string; readonly password: string }): ResourceRequest;
    id(n: number): ResourceRequest;
    param(name: string, value: unknown): ResourceRequest;
    // WordPress's JSON: each test states the shape it expects.
    get(): Promise<unknown>;
    create(data: Record<string, unknown>): Promise<unknown>;
    update(data: Record<string, unknown>): Promise<unknown>;
  }

  /** The default routes of these resources (wpapi makes one method per route of the index it ships with). */
  export interface ResourceRoutes {
    categories(): ResourceRequest;
    comments(): ResourceRequest;
  }
}
