// The comment form's identity block: the icons to log in and the guest fields, or who is signed in with
// "(Log Out / Change)". One element (#comment-identity), so the script can swap it after a sign-in in a popup.
import { type SafeHtml, html } from '../../src/kernel/html.js';
import type { CommenterVM, CommentFormVM, SignInOptionVM } from '../view-models.js';
import { describedBy, fieldError } from './comment-fields.js';
import { signInIcon } from './sign-in-icons.js';

/** The block inside #commentform; `data-state` tells the script (and CSS) which one it is. */
export function renderCommentIdentity(vm: CommentFormVM): SafeHtml {
  const { identity } = vm;
  if (identity.kind === 'signed-in') {
    return html`<div id="comment-identity" class="comment-identity-block" data-state="signed-in">${renderSignedIn(vm, identity.commenter)}</div>`;
  }
  if (identity.kind === 'sign-in-required') {
    return html`<div id="comment-identity" class="comment-identity-block" data-state="${identity.changingFrom ? 'changing' : 'sign-in-required'}">
    ${identity.changingFrom ? renderChanging(vm, identity.changingFrom) : ''}
    <p class="must-log-in">You must be <a href="${identity.signInHref}">logged in</a> to post a comment.</p>
    ${renderIcons(vm.signIn.options)}
  </div>`;
  }
  return html`<div id="comment-identity" class="comment-identity-block" data-state="${identity.changingFrom ? 'changing' : 'guest'}">
    ${identity.changingFrom ? renderChanging(vm, identity.changingFrom) : ''}
    <p class="comment-notes">Fill in your details below or click an icon to log in:</p>
    ${renderIcons(vm.signIn.options)}
    ${renderGuestFields(vm, identity.requireNameEmail)}
  </div>`;
}

/**
 * Log Out is a POST with the CSRF token; a form cannot sit inside #commentform, so it stands before it and the
 * block's button submits it through its form attribute. Only a browser with a session gets one.
 */
export function renderCommentLogout(vm: CommentFormVM): SafeHtml | '' {
  const { identity } = vm;
  const signedIn = identity.kind === 'signed-in' || identity.changingFrom !== null;
  if (!signedIn || vm.csrfToken === null) return '';
  return html`<form id="comment-logout" class="comment-logout" method="post" action="${vm.signIn.logoutAction}" hidden>
    <input type="hidden" name="_csrf" value="${vm.csrfToken}">
    <input type="hidden" name="return_to" value="${vm.signIn.returnTo}">
  </form>`;
}

function renderAvatar(commenter: CommenterVM): SafeHtml {
  return commenter.avatarUrl
    ? html`<img class="avatar avatar-image" src="${commenter.avatarUrl}" alt="" width="48" height="48">`
    : html`<span class="avatar avatar-hue-${commenter.hue}" aria-hidden="true">${commenter.initials}</span>`;
}

function renderSignedIn(vm: CommentFormVM, commenter: CommenterVM): SafeHtml {
  return html`<div class="comment-signed-in">
      ${renderAvatar(commenter)}
      <p class="comment-signed-in-name">${commenter.name}</p>
      <p class="comment-signed-in-as">You are commenting using your ${commenter.account} account. <span class="comment-identity-actions">(<button type="submit" form="comment-logout" class="link-button comment-log-out">Log Out</button> / <a class="comment-change-identity" href="${vm.signIn.changeHref}" rel="nofollow">Change</a>)</span></p>
    </div>`;
}

/** "Change" was chosen: this comment goes out as a guest (or with another sign-in), unless they go back. */
function renderChanging(vm: CommentFormVM, commenter: CommenterVM): SafeHtml {
  return html`<p class="comment-changing">You are signed in with your ${commenter.account} account as ${commenter.name}.
      <a class="comment-keep-identity" href="${vm.signIn.keepHref}">Keep using it</a>, or choose another way below.
      <button type="submit" form="comment-logout" class="link-button comment-log-out">Log Out</button></p>
    ${vm.identity.kind === 'guest' ? html`<input type="hidden" name="comment_as_guest" value="1">` : ''}`;
}

function renderIcons(options: readonly SignInOptionVM[]): SafeHtml {
  return html`<div class="comment-sign-in">
      <ul class="sign-in-icons">${options.map((option) => html`
        <li><a class="sign-in-icon sign-in-${option.id}" href="${option.href}" rel="nofollow" data-provider="${option.id}" data-label="${option.label}" data-flow="${option.flow}" aria-label="${option.name}">${signInIcon(option.id)}<span class="sign-in-label">${option.label}</span></a></li>`)}
      </ul>
      <p class="comment-sign-in-status" role="status" hidden></p>
    </div>`;
}

function renderGuestFields(vm: CommentFormVM, required: boolean): SafeHtml {
  const star = required ? html` <span class="required" aria-hidden="true">*</span>` : '';
  const req = required ? html` required` : '';
  const { avatar } = vm;
  return html`<div class="comment-identity">
      <span class="avatar ${avatar.hue === null ? 'avatar-neutral' : `avatar-hue-${avatar.hue}`}" data-avatar-preview aria-hidden="true">${avatar.initials}</span>
      <p class="comment-form-email field${vm.errors.email ? ' has-error' : ''}">
        <label for="email">Email${star}</label>
        <span class="hint" id="email-notes">Your email address will not be published.</span>
        ${fieldError('email', vm)}
        <input id="email" name="email" type="email" value="${vm.values.email}" size="30" maxlength="100" autocomplete="email"${req}${describedBy('email', vm, 'email-notes')}>
      </p>
      <p class="comment-form-author field${vm.errors.author ? ' has-error' : ''}">
        <label for="author">Name${star}</label>
        ${fieldError('author', vm)}
        <input id="author" name="author" type="text" value="${vm.values.author}" size="30" maxlength="245" autocomplete="name"${req}${describedBy('author', vm)}>
      </p>
      <p class="comment-form-url field${vm.errors.url ? ' has-error' : ''}">
        <label for="url">Website</label>
        ${fieldError('url', vm)}
        <input id="url" name="url" type="url" value="${vm.values.url}" size="30" maxlength="200" autocomplete="url"${describedBy('url', vm)}>
      </p>
    </div>`;
}
