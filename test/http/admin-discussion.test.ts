// Settings → Discussion at /admin/settings/discussion: every discussion setting saved from the form as a browser
// sends it, invalid values refused with the typed values kept and nothing saved, and administrators only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteSettings, defaultSettings } from '../../src/features/settings/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { type Page, parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, signIn } from '../support/session.js';

const PATH = '/admin/settings/discussion';

const DISCUSSION_KEYS = [
  'commentRequireNameEmail', 'commentRequireRegistration', 'commentCloseAfterDays', 'commentThreadDepth', 'commentsPerPage',
  'commentDefaultPage', 'commentOrder', 'commentNotifyAuthor', 'commentNotifyModeration', 'commentManualApproval',
  'commentPreviouslyApproved', 'commentTrustVerifiedIdentities', 'commentMaxLinks', 'commentModerationKeys', 'commentDisallowedKeys', 'commentFloodSeconds',
  'commentMinFillSeconds', 'commentIpLimitPerHour', 'commentSiteLimitPerMinute', 'commentSpamThreshold', 'avatarSource',
] as const;

type Pairs = [string, string][];

/** What a browser sends for the form as shown: every field, a ticked box as its hidden "0" and its "1". */
function browserPairs($: Page): Pairs {
  const pairs: Pairs = [];
  $('form.settings-form').find('input, select, textarea').each((_, element) => {
    const field = $(element);
    const name = field.attr('name');
    if (!name) return;
    if (field.attr('type') === 'checkbox') {
      if (field.is('[checked]')) pairs.push([name, String(field.attr('value'))]);
      return;
    }
    pairs.push([name, String(field.is('select') ? field.find('option[selected]').attr('value') ?? field.find('option').first().attr('value') : field.val() ?? '')]);
  });
  return pairs;
}

/** `pairs` with `changes` applied: a string replaces the field's value, a boolean ticks or unticks its box. */
function withChanges(pairs: Pairs, changes: Readonly<Record<string, string | boolean>>): Pairs {
  const result = pairs.filter(([name, value]) => !(typeof changes[name] === 'boolean' && value === '1'));
  for (const [name, change] of Object.entries(changes)) {
    if (change === true) result.push([name, '1']);
    else if (typeof change === 'string') result.forEach((pair) => { if (pair[0] === name) pair[1] = change; });
  }
  return result;
}

describe('Settings → Discussion', () => {
  let app: TestApp;
  let admin: CookieJar;

  const send = (pairs: Pairs, jar = admin) =>
    app.server.inject({
      method: 'POST', url: PATH, payload: new URLSearchParams(pairs).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    });
  const openSettings = async () => openForm(app, PATH, admin);
  const discussionOf = (s: SiteSettings) => Object.fromEntries(DISCUSSION_KEYS.map((k) => [k, s[k]]));

  beforeAll(async () => {
    app = await createTestApp();
    await createStaff(app, 'administrator', { email: 'admin@example.test' });
    admin = await signIn(app, 'admin@example.test', STAFF_PASSWORD);
  });
  afterAll(() => app.close());

  it('shows every discussion setting with WordPress’s labels and the current values', async () => {
    const { $ } = await openSettings();
    expect($('h1').text()).toBe('Discussion Settings');
    expect($('.admin-nav a[aria-current="page"]').text()).toBe('Discussion');
    const names = [...new Set(browserPairs($).map(([name]) => name))].filter((n) => n !== '_csrf');
    expect(names.sort()).toEqual([...DISCUSSION_KEYS].sort());
    expect($('label[for="field-commentRequireNameEmail"]').text().trim()).toBe('Comment author must fill out name and email');
    expect($('label[for="field-commentManualApproval"]').text().trim()).toBe('Comment must be manually approved');
    expect($('label[for="field-commentPreviouslyApproved"]').text().trim()).toBe('Comment author must have a previously approved comment');
    expect($('legend').map((_, el) => $(el).text()).get()).toEqual(expect.arrayContaining(['Email me whenever', 'Before a comment appears', 'Comment Moderation', 'Disallowed Comment Keys']));
    expect($('#field-commentRequireNameEmail').is('[checked]')).toBe(true);
    expect($('#field-commentManualApproval').is('[checked]')).toBe(false);
    expect($('#field-commentMaxLinks').val()).toBe('2');
    expect($('#field-commentThreadDepth option[selected]').attr('value')).toBe('5');
    expect($('#field-avatarSource option[selected]').attr('value')).toBe('local');
  });

  it('saves every setting at once, as the form sends it, and shows them saved', async () => {
    const { $ } = await openSettings();
    const changes = {
      commentRequireNameEmail: false, commentRequireRegistration: true, commentCloseAfterDays: '14', commentThreadDepth: '3',
      commentsPerPage: '50', commentDefaultPage: 'oldest', commentOrder: 'newest', commentNotifyAuthor: false, commentNotifyModeration: false,
      commentManualApproval: true, commentPreviouslyApproved: false, commentTrustVerifiedIdentities: false, commentMaxLinks: '4', commentModerationKeys: 'casino\r\nviagra',
      commentDisallowedKeys: 'buy followers', commentFloodSeconds: '30', commentMinFillSeconds: '5', commentIpLimitPerHour: '10',
      commentSiteLimitPerMinute: '60', commentSpamThreshold: '7', avatarSource: 'gravatar',
    } as const;
    const response = await send(withChanges(browserPairs($), changes));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${PATH}?settings-updated=true`);
    expect(discussionOf(await app.services.settings.get())).toEqual({
      commentRequireNameEmail: false, commentRequireRegistration: true, commentCloseAfterDays: 14, commentThreadDepth: 3,
      commentsPerPage: 50, commentDefaultPage: 'oldest', commentOrder: 'newest', commentNotifyAuthor: false, commentNotifyModeration: false,
      commentManualApproval: true, commentPreviouslyApproved: false, commentTrustVerifiedIdentities: false, commentMaxLinks: 4, commentModerationKeys: 'casino\nviagra',
      commentDisallowedKeys: 'buy followers', commentFloodSeconds: 30, commentMinFillSeconds: 5, commentIpLimitPerHour: 10,
      commentSiteLimitPerMinute: 60, commentSpamThreshold: 7, avatarSource: 'gravatar',
    });

    const after = parseHtml((await get(app, `${PATH}?settings-updated=true`, admin)).body);
    expect(after('.admin-notice').text()).toBe('Settings saved.');
    expect(after('#field-commentRequireNameEmail').is('[checked]')).toBe(false);
    expect(after('#field-commentRequireRegistration').is('[checked]')).toBe(true);
    expect(after('#field-commentModerationKeys').text()).toBe('casino\nviagra');
    expect(after('#field-commentOrder option[selected]').attr('value')).toBe('newest');

    // Saving the form unchanged changes nothing; then back to the defaults for the next test.
    await send(browserPairs(after));
    expect(discussionOf(await app.services.settings.get())).toMatchObject({ commentMaxLinks: 4, commentRequireNameEmail: false });
    await app.services.settings.update(discussionOf(defaultSettings));
  });

  it('refuses invalid values with 400, each message beside its field, every typed value kept and nothing saved', async () => {
    const before = await app.services.settings.get();
    const { $ } = await openSettings();
    const response = await send(withChanges(browserPairs($), {
      commentThreadDepth: '11', commentMaxLinks: 'lots', commentsPerPage: '-1', avatarSource: 'flickr', commentFloodSeconds: '',
      commentManualApproval: true, commentModerationKeys: 'kept words',
    }));
    expect(response.statusCode).toBe(400);
    const page = parseHtml(response.body);
    expect(page('.form-errors[role="alert"]').text()).toContain('The settings were not saved');
    expect(page('#field-commentThreadDepth-error').text()).toBe('Must be a whole number from 2 to 10.');
    expect(page('#field-commentMaxLinks-error').text()).toMatch(/^Must be a whole number from 0/);
    expect(page('#field-commentsPerPage-error').text()).toMatch(/^Must be a whole number from 0/);
    expect(page('#field-avatarSource-error').text()).toBe('Must be "local" or "gravatar".');
    expect(page('#field-commentFloodSeconds-error').text()).toMatch(/seconds/);
    expect(page('#field-commentMaxLinks').attr('aria-invalid')).toBe('true');
    expect(page('#field-commentMaxLinks').val()).toBe('lots');
    expect(page('#field-commentsPerPage').val()).toBe('-1');
    expect(page('#field-commentFloodSeconds').val()).toBe('');
    expect(page('#field-commentManualApproval').is('[checked]')).toBe(true);
    expect(page('#field-commentModerationKeys').text()).toBe('kept words');
    expect(page('#field-commentSpamThreshold-error').length).toBe(0);
    expect(await app.services.settings.get()).toEqual(before);
  });

  it('refuses a form without its CSRF token (403) and saves nothing', async () => {
    const before = await app.services.settings.get();
    const { $ } = await openSettings();
    const pairs = withChanges(browserPairs($), { commentMaxLinks: '9' }).filter(([name]) => name !== '_csrf');
    expect((await send(pairs)).statusCode).toBe(403);
    expect(await app.services.settings.get()).toEqual(before);
  });

  it('is for administrators only: an editor gets 403 and an anonymous visitor the sign-in page', async () => {
    const before = await app.services.settings.get();
    await createStaff(app, 'editor', { email: 'editor@example.test' });
    const editor = await signIn(app, 'editor@example.test', STAFF_PASSWORD);
    const { $ } = await openSettings();
    expect((await get(app, PATH, editor)).statusCode).toBe(403);
    const { csrf } = await openForm(app, '/admin/', editor);
    const pairs = withChanges(browserPairs($), { commentMaxLinks: '9' }).map(([n, v]): [string, string] => [n, n === '_csrf' ? csrf : v]);
    expect((await send(pairs, editor)).statusCode).toBe(403);
    const anonymous = await get(app, PATH, new CookieJar());
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/admin\/login/);
    expect(await app.services.settings.get()).toEqual(before);
  });
});
