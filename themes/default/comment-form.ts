// The "Leave a Reply" block: WordPress's #respond markup (ids, classes, field names), so its script and CSS habits carry over.
import { type SafeHtml, html, trustedHtml } from '../../src/kernel/html.js';
import type { CommentFormField, CommentFormVM } from '../view-models.js';
import { describedBy, fieldError } from './comment-fields.js';
import { renderCommentIdentity, renderCommentLogout } from './comment-identity.js';

const LABELS: Readonly<Record<CommentFormField, string>> = { author: 'Name', email: 'Email', url: 'Website', comment: 'Comment' };
// The order of the fields on the page, which the error summary follows.
const FIELD_ORDER: readonly CommentFormField[] = ['comment', 'email', 'author', 'url'];

// data-*: where the sign-in script asks for this browser's identity block, and keeps a draft (sign-in.js).
export function renderCommentForm(vm: CommentFormVM): SafeHtml {
  return html`<div id="respond" class="comment-respond" data-post-id="${vm.postId}" data-identity="${vm.signIn.identityHref}" data-draft="${vm.signIn.draftHref}">
  <h3 id="reply-title" class="comment-reply-title">${renderHeading(vm)}</h3>
  ${renderCommentLogout(vm)}
  ${vm.identity.kind === 'sign-in-required' ? renderSignInRequired(vm) : renderForm(vm)}
</div>`;
}

/** No guest fields; a comment sent anyway comes back read-only, so its words can be copied before signing in. */
function renderSignInRequired(vm: CommentFormVM): SafeHtml {
  return html`${vm.alert === null ? '' : html`<div id="comment-form-errors" class="form-errors comment-form-errors" role="alert" tabindex="-1"><p>${vm.alert}</p></div>`}
  ${renderCommentIdentity(vm)}
  ${vm.values.comment === ''
    ? ''
    : html`<p class="comment-form-comment field"><label for="comment">Your comment (copy it before you sign in)</label>
    <textarea id="comment" cols="45" rows="8" readonly>
${vm.values.comment}</textarea></p>`}`;
}

function renderHeading(vm: CommentFormVM): SafeHtml {
  // The cancel link is always there (hidden when not replying): the script shows it when it moves the form.
  const cancel = html`<small><a rel="nofollow" id="cancel-comment-reply-link" href="${vm.permalink}#respond"${
    vm.replyTo ? '' : html` hidden`
  }>Cancel reply</a></small>`;
  return vm.replyTo
    ? html`Leave a Reply to <a href="#comment-${vm.replyTo.id}">${vm.replyTo.name}</a> ${cancel}`
    : html`Leave a Reply ${cancel}`;
}

// A newline follows each <textarea> tag: parsers drop the first one, so a typed leading newline survives.
function renderForm(vm: CommentFormVM): SafeHtml {
  const { identity } = vm;
  return html`${vm.previewHtml === null ? '' : renderPreview(vm.previewHtml)}
  <form id="commentform" class="comment-form" method="post" action="${vm.action}" novalidate>
    ${renderErrorSummary(vm)}
    ${renderCommentIdentity(vm)}
    <p class="required-field-message">Required fields are marked <span class="required">*</span></p>
    <p class="comment-form-comment field${vm.errors.comment ? ' has-error' : ''}">
      <label for="comment">Comment <span class="required" aria-hidden="true">*</span></label>
      <span class="hint" id="comment-hint">You can use Markdown: *emphasis*, [links](https://example.com), \`code\`, &gt; quotes and lists.</span>
      ${fieldError('comment', vm)}
      <textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required${describedBy('comment', vm, 'comment-hint')}>
${vm.values.comment}</textarea>
    </p>
    ${renderRemember(vm, identity.kind !== 'guest')}
    <p class="comment-subscription-form field">
      <label for="subscribe">Notify me of new comments via email.</label>
      <select id="subscribe" name="subscribe">
        <option value="none"${selected(vm.values.subscribe === 'none')}>No, thank you</option>
        <option value="comments"${selected(vm.values.subscribe === 'comments')}>Every new comment on this post</option>
        <option value="replies"${selected(vm.values.subscribe === 'replies')}>Only replies to my comment</option>
      </select>
    </p>
    <p class="comment-subscription-form comment-form-checkbox">
      <input id="subscribe_posts" name="subscribe_posts" type="checkbox" value="1"${vm.values.subscribePosts ? html` checked` : ''}>
      <label for="subscribe_posts">Notify me of new posts via email.</label>
    </p>
    <div class="comment-form-hp">
      <label for="quire_hp">Leave this empty</label>
      <input id="quire_hp" name="quire_hp" type="text" value="" tabindex="-1" autocomplete="off">
    </div>
    <p class="form-submit">
      <button type="submit" name="submit" id="submit" class="submit" value="1">Post Comment</button>
      <button type="submit" name="preview" id="preview" class="preview secondary" value="1">Preview</button>
      <input type="hidden" name="comment_post_ID" value="${vm.postId}" id="comment_post_ID">
      <input type="hidden" name="comment_parent" id="comment_parent" value="${vm.replyTo?.id ?? 0}">
      <input type="hidden" name="quire_stamp" value="${vm.stamp}">
      ${vm.csrfToken === null ? '' : html`<input type="hidden" name="_csrf" value="${vm.csrfToken}">`}
    </p>
    <p class="comment-form-privacy"><a href="${vm.privacyHref}">Manage your comments and data</a></p>
  </form>`;
}

function renderPreview(previewHtml: string): SafeHtml {
  return html`<section class="comment-preview" aria-labelledby="comment-preview-title">
    <h4 id="comment-preview-title">Preview</h4>
    ${previewHtml === ''
      ? html`<p class="comment-preview-empty">Type your comment to see how it will look.</p>`
      : html`<div class="comment-content">${trustedHtml(previewHtml)}</div>`}
    <p class="comment-preview-note">Not posted yet: press “Post Comment” when it looks right.</p>
  </section>`;
}

function renderErrorSummary(vm: CommentFormVM): SafeHtml {
  if (vm.alert === null) return html``;
  const fields = FIELD_ORDER.filter((f) => vm.errors[f] !== undefined && isShown(f, vm));
  return html`<div id="comment-form-errors" class="form-errors comment-form-errors" role="alert" tabindex="-1">
      <p>${vm.alert}</p>
      ${fields.length > 0
        ? html`<ul>${fields.map((f) => html`<li><a href="#${f}">${LABELS[f]}: ${vm.errors[f]}</a></li>`)}</ul>`
        : ''}
    </div>`;
}

/** Signed-in people have no name, e-mail or website fields: their errors would point nowhere. */
function isShown(field: CommentFormField, vm: CommentFormVM): boolean {
  return field === 'comment' || vm.identity.kind === 'guest';
}

/** Guests only; kept (hidden) for the signed-in, so the script can show it when "Change" turns them into a guest. */
function renderRemember(vm: CommentFormVM, hidden: boolean): SafeHtml {
  return html`<p id="comment-remember" class="comment-form-cookies-consent comment-form-checkbox"${hidden ? html` hidden` : ''}>
      <input id="remember" name="remember" type="checkbox" value="1"${vm.values.remember ? html` checked` : ''}>
      <label for="remember">Save my name, email, and website in this browser for the next time I comment.</label>
    </p>`;
}

function selected(on: boolean): SafeHtml | '' {
  return on ? html` selected` : '';
}
