import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { parseHtml } from '../support/html.js';

describe('the demo site', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ seed: 'demo' });
  });
  afterAll(async () => app.close());

  it('serves the home page with the newest posts first', async () => {
    const response = await app.server.inject('/');
    expect(response.statusCode).toBe(200);
    const $ = parseHtml(response.body);
    expect($('article.post').length).toBe(10);
    expect($('article.post h2').first().text()).toBe('How we handle corrections');
  });
});
