// /favicon.ico and /robots.txt: answered directly, never by a themed 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('well-known files', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('redirects /favicon.ico to the theme icon, which is an SVG kept for ever', async () => {
    const response = await app.server.inject('/favicon.ico');
    expect(response.statusCode).toBe(301);
    const icon = await app.server.inject(String(response.headers.location));
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toContain('immutable');
  });

  it('serves robots.txt keeping crawlers out of the admin and the comment machinery', async () => {
    const response = await app.server.inject('/robots.txt');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body.split('\n')).toEqual(expect.arrayContaining(['User-agent: *', 'Disallow: /admin/', 'Disallow: /comments/']));
  });
});
