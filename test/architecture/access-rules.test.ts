// Fail closed: a route that does not say who may call it cannot even be registered.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { requireAccessRules } from '../../src/http/access.js';

describe('route access rules', () => {
  it('refuses to register a route that declares no access rule', async () => {
    const app = Fastify();
    requireAccessRules(app);
    app.get('/open', { config: { access: 'public' } }, async () => 'ok');
    expect(() => app.get('/forgotten', async () => 'oops')).toThrow(/GET \/forgotten declares no access rule/);
    await app.close();
  });

  it('accepts routes that declare public access or a capability', async () => {
    const app = Fastify();
    requireAccessRules(app);
    app.get('/open', { config: { access: 'public' } }, async () => 'ok');
    app.post('/settings', { config: { access: { capability: 'manage_options' } } }, async () => 'ok');
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
