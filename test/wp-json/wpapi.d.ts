// The part of the untyped npm `wpapi` 1.2.2 client that test/wp-json/wpapi.test.ts uses.
declare module 'wpapi' {
  interface Paging {
    readonly total: number;
    readonly totalPages: number;
    readonly next?: WPRequest;
    readonly prev?: WPRequest;
  }

  /** A collection as wpapi hands it over: the items, plus what it read from the paging headers. */
  export type Collection<T> = T[] & { readonly _paging: Paging };

  interface WPRequest {
    perPage(n: number): WPRequest;
    page(n: number): WPRequest;
    embed(): WPRequest;
    id(n: number): WPRequest;
    param(name: string, value: unknown): WPRequest;
    // WordPress's JSON: each test states the shape it expects.
    get(): Promise<unknown>;
    create(data: Record<string, unknown>): Promise<unknown>;
    update(data: Record<string, unknown>): Promise<unknown>;
    delete(): Promise<unknown>;
  }

  interface Options {
    readonly endpoint: string;
    readonly username?: string;
    readonly password?: string;
    readonly routes?: unknown;
  }

  class WPAPI {
    constructor(options: Options);
    static discover(url: string): Promise<WPAPI>;
    posts(): WPRequest;
    pages(): WPRequest;
  }

  export default WPAPI;
}
