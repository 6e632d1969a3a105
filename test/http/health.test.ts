// GET /healthz: what load balancers and systemd poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('the health check', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => app.close());

  it('answers 200 with JSON {status: "ok"} while the database answers, never cached', async () => {
    const response = await app.server.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers HEAD too', async () => {
    const response = await app.server.inject({ method: 'HEAD', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });
});
