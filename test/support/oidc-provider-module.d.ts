// The little of oidc-provider's API the tests use (the package ships no types; DefinitelyTyped's lag behind v9).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContext {
    readonly path: string;
    readonly method: string;
    body: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Readonly<Record<string, unknown>>);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: unknown[]) => void): void;
  }
}
