// The pages signed mail links lead to: a question with one button (a GET never acts: mail scanners follow links),
// and the answer once the button was pressed.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { LinkVM } from '../view-models.js';

export interface SignedLinkPromptVM {
  readonly heading: string;
  readonly message: string;
  /** Lines describing what the button acts on (a comment's author and post, say). */
  readonly facts: readonly string[];
  /** Plain text quoted under the facts (a comment's excerpt); escaped like everything else. */
  readonly quote: string | null;
  /** Where the form posts: the link's own address, whose signed token is the form's only credential. */
  readonly action: string;
  readonly buttonLabel: string;
  /** Another way out, e.g. the moderation screen. */
  readonly link: LinkVM | null;
}

export interface SignedLinkDoneVM {
  readonly heading: string;
  readonly message: string;
  readonly links: readonly LinkVM[];
}

export function renderSignedLinkPrompt(vm: SignedLinkPromptVM): SafeHtml {
  return html`<section class="notice-page signed-link">
  <h1>${vm.heading}</h1>
  <p>${vm.message}</p>
  ${vm.facts.length > 0 ? html`<ul class="signed-link-facts">${vm.facts.map((fact) => html`<li>${fact}</li>`)}</ul>` : ''}
  ${vm.quote ? html`<blockquote class="signed-link-quote">${vm.quote}</blockquote>` : ''}
  <form method="post" action="${vm.action}">
    <p><button type="submit">${vm.buttonLabel}</button></p>
  </form>
  ${vm.link ? html`<p><a href="${vm.link.href}">${vm.link.label}</a></p>` : ''}
</section>`;
}

export function renderSignedLinkDone(vm: SignedLinkDoneVM): SafeHtml {
  return html`<section class="notice-page signed-link" role="status">
  <h1>${vm.heading}</h1>
  <p>${vm.message}</p>
  ${vm.links.map((link) => html`<p><a href="${link.href}">${link.label}</a></p>`)}
</section>`;
}
