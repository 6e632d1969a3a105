// The pure rules of syndication: which GUID a post keeps for ever, and how many files a sitemap takes.
import { describe, expect, it } from 'vitest';
import { feedGuid, sitemapFileCount } from './syndication.js';

describe('feedGuid', () => {
  it('gives a post written here WordPress’s ?p=ID form, which no change of slug or date moves', () => {
    expect(feedGuid({ id: 42, guid: null }, 'https://blog.example')).toBe('https://blog.example/?p=42');
  });
  it('keeps the GUID an imported post had in WordPress, and ignores a blank one', () => {
    expect(feedGuid({ id: 42, guid: 'http://old.example/?p=7' }, 'https://blog.example')).toBe('http://old.example/?p=7');
    expect(feedGuid({ id: 42, guid: '  ' }, 'https://blog.example')).toBe('https://blog.example/?p=42');
  });
});

describe('sitemapFileCount', () => {
  it.each([
    [0, 1], [1, 1], [50_000, 1], [50_001, 2], [100_000, 2], [100_001, 3],
  ])('%i URLs take %i file(s) of 50,000', (total, files) => {
    expect(sitemapFileCount(total, 50_000)).toBe(files);
  });
});
