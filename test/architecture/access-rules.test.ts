// Fail closed: a route that does not say who may call it cannot even be registered.
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Role, User } from '../../src/features/users/index.js';
import { enforceAccessRules, requireAccessRules } from '../../src/http/access.js';

describe('route access rules', () => {
  it('refuses to register a route that declares no access rule', async () => {
    const app = Fastify();
    requireAccessRules(app);
    app.get('/open', { config: { access: 'public' } }, async () => 'ok');
    expect(() => app.get('/forgotten', async () => 'oops')).toThrow(/GET \/forgotten declares no access rule/);
    await app.close();
  });

  it('accepts routes that declare public access, a capability or any signed-in person', async () => {
    const app = Fastify();
    requireAccessRules(app);
    app.get('/open', { config: { access: 'public' } }, async () => 'ok');
    app.post('/settings', { config: { access: { capability: 'manage_options' } } }, async () => 'ok');
    app.get('/mine', { config: { access: { signedIn: true } } }, async () => 'ok');
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});

describe('the signed-in rule', () => {
  /** A bare server with one reader page and one reader form; `who` is whoever the request's session names. */
  async function serverFor(who: User | undefined) {
    const app = Fastify();
    await app.register(cookie);
    requireAccessRules(app);
    enforceAccessRules(app, async () => who, false);
    app.get('/mine', { config: { access: { signedIn: true } } }, async () => 'mine');
    app.post('/mine', { config: { access: { signedIn: true } } }, async () => 'posted');
    app.get('/staff', { config: { access: { capability: 'moderate_comments' } } }, async () => 'staff');
    await app.ready();
    return app;
  }
  const person = (role: Role): User => ({
    id: 1, login: 'sam', email: 'sam@example.test', displayName: 'Sam', role, bio: '', createdAt: '2026-01-01T00:00:00.000Z', emailVerifiedAt: null,
  });

  it('sends anonymous readers to /account/login, coming back only to a page they were reading', async () => {
    const app = await serverFor(undefined);
    const read = await app.inject({ method: 'GET', url: '/mine?tab=names' });
    expect(read.statusCode).toBe(303);
    expect(read.headers.location).toBe(`/account/login?return_to=${encodeURIComponent('/mine?tab=names')}`);
    expect(read.headers['cache-control']).toBe('no-store');
    const posted = await app.inject({ method: 'POST', url: '/mine', payload: { x: '1' } });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/account/login');
    // A staff page still sends them to the staff sign-in.
    expect((await app.inject({ method: 'GET', url: '/staff' })).headers.location).toBe(`/admin/login?redirect_to=${encodeURIComponent('/staff')}`);
    await app.close();
  });

  it('lets in anyone signed in, whatever their role', async () => {
    for (const role of ['subscriber', 'administrator'] as const) {
      const app = await serverFor(person(role));
      const response = await app.inject({ method: 'GET', url: '/mine' });
      expect(response.statusCode, role).toBe(200);
      expect(response.body).toBe('mine');
      await app.close();
    }
  });
});
