// The `html` tag escapes by default; only SafeHtml passes through.
import { describe, it, expect } from 'vitest';
import { SafeHtml, escapeHtml, html, trustedHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('leaves other text alone and escapes existing entities again', () => {
    expect(escapeHtml('plain text, ünïcödé 🎉')).toBe('plain text, ünïcödé 🎉');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('html', () => {
  it('returns SafeHtml whose string form is the markup', () => {
    const out = html`<p>hi</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('<p>hi</p>');
    expect(out.value).toBe('<p>hi</p>');
  });

  it('escapes & < > " and \' in interpolated strings', () => {
    const evil = `<script>alert("x" & 'y')</script>`;
    expect(html`<p>${evil}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</p>',
    );
  });

  it('escapes quotes so a value cannot leave its attribute', () => {
    const value = `" onmouseover="alert(1)`;
    expect(html`<a title="${value}">x</a>`.value).toBe('<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
    expect(html`<a title='${"' x='"}'>x</a>`.value).toBe(`<a title='&#39; x=&#39;'>x</a>`);
  });

  it('does not escape nested SafeHtml a second time', () => {
    const inner = html`<b>${'a & b'}</b>`;
    expect(html`<p>${inner}</p>`.value).toBe('<p><b>a &amp; b</b></p>');
    expect(html`${trustedHtml('<em>ok</em>')}`.value).toBe('<em>ok</em>');
  });

  it('joins arrays without separators, escaping each string and keeping SafeHtml', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
    expect(html`${['<', html`<br>`, 1]}`.value).toBe('&lt;<br>1');
    expect(html`${[['a', ['<b>']], []]}`.value).toBe('a&lt;b&gt;');
  });

  it('renders null, undefined, true and false as nothing', () => {
    expect(html`[${null}|${undefined}|${true}|${false}]`.value).toBe('[|||]');
  });

  it('allows conditional markup with && and ternaries', () => {
    const show = false;
    expect(html`<p>${show && html`<b>hidden</b>`}</p>`.value).toBe('<p></p>');
  });

  it('renders numbers, including zero, negatives and decimals', () => {
    expect(html`${0} ${-3} ${2.5} ${1e21}`.value).toBe('0 -3 2.5 1e+21');
  });

  it('keeps the literal parts of the template untouched', () => {
    expect(html`<a href="/x?a=1&b=2">${'t'}</a>`.value).toBe('<a href="/x?a=1&b=2">t</a>');
    expect(html``.value).toBe('');
  });
});
