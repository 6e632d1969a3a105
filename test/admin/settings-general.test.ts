// Settings → General at /admin/settings/general: title, tagline, time zone, date and time formats (with examples)
// and language saved from the form, shown on the public site; bad values refused beside their field, nothing saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/features/settings/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildComment, buildPost, permalinkOf } from '../support/factories.js';
import { parseHtml } from '../support/html.js';
import { CookieJar, STAFF_PASSWORD, createStaff, get, openForm, postForm, signIn } from '../support/session.js';

const PATH = '/admin/settings/general';

const VALID = {
  title: 'Field Notes', tagline: 'Birds and weather', timezone: 'Europe/Paris', dateFormat: 'F j, Y', dateFormatCustom: '',
  timeFormat: 'g:i a', timeFormatCustom: '', language: 'en',
};

describe('Settings → General', () => {
  let app: TestApp;
  let admin: CookieJar;

  const send = async (fields: Readonly<Record<string, string>>, jar = admin) => {
    const { csrf } = await openForm(app, PATH, jar);
    return postForm(app, PATH, { _csrf: csrf, ...fields }, jar);
  };

  beforeAll(async () => {
    app = await createTestApp();
    const user = await createStaff(app, 'administrator');
    admin = await signIn(app, user.email, STAFF_PASSWORD);
  });
  afterAll(() => app.close());

  it('shows WordPress’s fields, the site address as read-only from QUIRE_URL, and an example of each format', async () => {
    const { $ } = await openForm(app, PATH, admin);
    expect($('h1').text()).toBe('General Settings');
    expect($('.admin-nav a[aria-current="page"]').text()).toBe('General');
    expect($('label[for="field-title"]').text()).toBe('Site Title');
    expect($('#field-title').val()).toBe(defaultSettings.title);
    const address = $('#field-siteurl');
    expect(address.val()).toBe('http://blog.test');
    expect(address.is('[readonly]')).toBe(true);
    expect(address.attr('name')).toBeUndefined();
    expect($('#field-siteurl-hint').text()).toContain('QUIRE_URL');
    expect($('#field-timezone option[value="UTC"]').is('[selected]')).toBe(true);
    expect($('#field-timezone option[value="Pacific/Auckland"]').length).toBe(1);
    const dateChoices = $('input[name="dateFormat"]').map((_, input) => $(input).attr('value')).get();
    expect(dateChoices).toEqual(['F j, Y', 'Y-m-d', 'm/d/Y', 'd/m/Y', 'custom']);
    expect($('input[name="dateFormat"][value="F j, Y"]').is('[checked]')).toBe(true);
    // The example is written by the site's own formatter for today's date: "<Month> <day>, <year> (F j, Y)".
    expect($('input[name="dateFormat"][value="F j, Y"]').parent().text().trim()).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4} \(F j, Y\)$/);
    expect($('input[name="timeFormat"][value="H:i"]').parent().text().trim()).toMatch(/^\d{2}:\d{2} \(H:i\)$/);
    expect($('#field-language-hint').text()).toContain('lang attribute');
  });

  it('saves the settings, says so, and the public site writes dates with the new formats in the new zone', async () => {
    const post = await buildPost(app, { publishedAt: '2026-03-05T23:30:00.000Z' });
    await buildComment(app, post, { createdAt: '2026-03-05T23:40:00.000Z' });
    const response = await send({ ...VALID, timezone: 'Asia/Tokyo', dateFormat: 'custom', dateFormatCustom: 'l, \\t\\h\\e jS \\o\\f F', timeFormat: 'H:i', language: 'fr' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${PATH}?settings-updated=true`);
    expect(await app.services.settings.get()).toMatchObject({
      title: 'Field Notes', tagline: 'Birds and weather', timezone: 'Asia/Tokyo', dateFormat: 'l, \\t\\h\\e jS \\o\\f F', timeFormat: 'H:i', language: 'fr',
    });
    const after = parseHtml((await get(app, `${PATH}?settings-updated=true`, admin)).body);
    expect(after('.admin-notice').text()).toBe('Settings saved.');
    expect(after('input[name="dateFormat"][value="custom"]').is('[checked]')).toBe(true);
    expect(after('#field-dateFormatCustom').val()).toBe('l, \\t\\h\\e jS \\o\\f F');

    const site = parseHtml((await get(app, permalinkOf(await app.services.posts.findById(post.id).then((p) => p ?? post)))).body);
    expect(site('html').attr('lang')).toBe('fr');
    expect(site('title').text()).toContain('Field Notes');
    // 23:30 UTC on the 5th is 08:30 on Friday the 6th in Tokyo, in French names.
    expect(site('article time').first().text()).toBe('vendredi, the 6th of mars');
    expect(site('.comment time, .comment-meta time').first().text()).toBe('vendredi, the 6th of mars at 08:40');
    const { title, tagline, timezone, dateFormat, timeFormat, language } = defaultSettings;
    await app.services.settings.update({ title, tagline, timezone, dateFormat, timeFormat, language });
  });

  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone', 'Must be an IANA time zone such as Europe/Paris.'],
    ['a custom date format that prints no date', { dateFormat: 'custom', dateFormatCustom: '!!! \\Y' }, 'dateFormat', 'with at least one format letter'],
    ['an empty custom time format', { timeFormat: 'custom', timeFormatCustom: '' }, 'timeFormat', 'Must be a time format'],
    ['a custom date format too long', { dateFormat: 'custom', dateFormatCustom: 'Y'.repeat(51) }, 'dateFormat', '1–50 characters'],
    ['a date format not offered', { dateFormat: 'Y/m' }, 'dateFormat', 'Choose one of the date formats, or Custom.'],
    ['a language not in the list', { language: 'tlh' }, 'language', 'Choose a language from the list.'],
    ['a title too long', { title: 't'.repeat(201) }, 'title', 'Must be a text of at most 200 characters.'],
  ])('refuses %s beside its field (400), keeps what was typed and saves nothing', async (_, change, field, message) => {
    const before = await app.services.settings.get();
    const response = await send({ ...VALID, title: 'Not saved', ...change });
    expect(response.statusCode).toBe(400);
    const $ = parseHtml(response.body);
    expect($(`#field-${field}-error`).text()).toContain(message);
    expect($('.form-errors a').first().attr('href')).toBe(`#field-${field}`);
    expect($('#field-title').val()).toBe((change as { title?: string }).title ?? 'Not saved');
    expect(await app.services.settings.get()).toEqual(before);
  });

  it('escapes a hostile title and tagline on the screen and on the site', async () => {
    const hostile = '<script>alert(1)</script>';
    expect((await send({ ...VALID, title: hostile, tagline: `"><img src=x onerror=alert(1)>` })).statusCode).toBe(303);
    const screen = parseHtml((await get(app, PATH, admin)).body);
    expect(screen('#field-title').val()).toBe(hostile);
    expect(screen('script').length).toBe(0);
    const home = parseHtml((await get(app, '/')).body);
    expect(home('img[src="x"]').length).toBe(0);
    expect(home('script:contains("alert")').length).toBe(0);
    await app.services.settings.update({ title: defaultSettings.title, tagline: defaultSettings.tagline });
  });

  it('refuses a form without its CSRF token, an editor and a subscriber (403), saving nothing', async () => {
    const before = await app.services.settings.get();
    expect((await postForm(app, PATH, { ...VALID, title: 'No token' }, admin)).statusCode).toBe(403);
    for (const role of ['editor', 'subscriber'] as const) {
      const user = await createStaff(app, role);
      const jar = await signIn(app, user.email, STAFF_PASSWORD);
      expect((await get(app, PATH, jar)).statusCode).toBe(403);
      const { csrf } = await openForm(app, '/admin/login', jar);
      expect((await postForm(app, PATH, { _csrf: csrf, ...VALID, title: `By ${role}` }, jar)).statusCode).toBe(403);
    }
    expect(await app.services.settings.get()).toEqual(before);
  });
});
