// The editor form's rules without HTTP: which status a button and a date give, and which buttons the Publish box offers.
import { describe, expect, it } from 'vitest';
import type { Post } from '../../src/features/posts/index.js';
import { type EditorForm, decideSave, editorButtons, readEditorForm, tagNamesOf } from '../../src/http/admin/editor.present.js';

const now = new Date('2026-06-01T10:00:00Z');

function form(fields: Record<string, unknown>): EditorForm {
  return readEditorForm({ title: 'T', content: '', ...fields });
}

const stored = (status: Post['status'], publishedAt: string | null) => ({ status, publishedAt }) as Post;

describe('decideSave', () => {
  it('publishes now, schedules a future date (read in the site zone), and keeps private private', () => {
    expect(decideSave(form({ action: 'publish' }), undefined, now, 'UTC')).toEqual({ status: 'published', publishedAt: undefined, errors: {} });
    expect(decideSave(form({ action: 'publish', published_at: '2026-06-01T12:30' }), undefined, now, 'Europe/Paris'))
      .toEqual({ status: 'scheduled', publishedAt: '2026-06-01T10:30:00.000Z', errors: {} });
    expect(decideSave(form({ action: 'publish', published_at: '2026-06-01T11:30' }), undefined, now, 'Europe/Paris').status).toBe('published');
    expect(decideSave(form({ action: 'publish', visibility: 'private', published_at: '2027-01-01T00:00' }), undefined, now, 'UTC').status).toBe('private');
  });

  it('keeps a stored date that was not retyped, and reschedules when Update moves it to the future', () => {
    const published = stored('published', '2026-05-01T08:00:30.000Z');
    expect(decideSave(form({ action: 'update', published_at: '2026-05-01T08:00' }), published, now, 'UTC')).toEqual({ status: 'published', publishedAt: undefined, errors: {} });
    expect(decideSave(form({ action: 'update', published_at: '2026-07-01T08:00' }), published, now, 'UTC').status).toBe('scheduled');
    expect(decideSave(form({ action: 'update' }), stored('pending', null), now, 'UTC').status).toBe('pending');
  });

  it('refuses dates that are not dates, Schedule without one, and an unknown button', () => {
    expect(decideSave(form({ action: 'publish', published_at: '2026-02-29T10:00' }), undefined, now, 'UTC').errors).toHaveProperty('published_at');
    expect(decideSave(form({ action: 'schedule' }), undefined, now, 'UTC').errors.published_at).toBe('Choose the date and time to publish on.');
    expect(decideSave(form({ action: ['draft', 'publish'] }), undefined, now, 'UTC').status).toBe('published');
    expect(decideSave(form({ action: { $ne: 1 } }), undefined, now, 'UTC').errors).toHaveProperty('status');
  });
});

describe('editorButtons', () => {
  it("offers WordPress's buttons by status, role and date", () => {
    const labels = (...args: Parameters<typeof editorButtons>) => editorButtons(...args).map((b) => b.label);
    expect(labels(undefined, true, '', now, 'UTC')).toEqual(['Save Draft', 'Publish']);
    expect(labels(undefined, true, '2026-06-02T00:00', now, 'UTC')).toEqual(['Save Draft', 'Schedule']);
    expect(labels('draft', false, '', now, 'UTC')).toEqual(['Save Draft', 'Submit for Review']);
    expect(labels('pending', false, '', now, 'UTC')).toEqual(['Save as Pending']);
    expect(labels('pending', true, '', now, 'UTC')).toEqual(['Save as Pending', 'Publish']);
    expect(labels('scheduled', true, '', now, 'UTC')).toEqual(['Switch to Draft', 'Update']);
  });
});

it('reads tags from the comma-separated field without blanks or repeats', () => {
  expect(tagNamesOf(' rail, , Night trains,rail ,')).toEqual(['rail', 'Night trains']);
});
