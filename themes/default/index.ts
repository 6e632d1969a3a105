// The default theme's public surface: one render function per page type.
export { renderLayout } from './layout.js';
export { renderList } from './list.js';
export { renderCommentItem, renderSingle } from './single.js';
export { renderCommentForm } from './comment-form.js';
export { renderCommentIdentity, renderCommentLogout } from './comment-identity.js';
export { renderError, renderForm, renderNotice } from './messages.js';
export { renderAdminLayout, renderDashboard, renderModeration } from './admin.js';
export { renderBans } from './admin-bans.js';
export type { BanRowVM, BansPageVM } from './admin-bans.js';
export type { FieldVM, OptionVM } from './admin-fields.js';
export { renderSettings } from './admin-settings.js';
export type { SettingsPageVM, SettingsSectionVM } from './admin-settings.js';
export { renderAdminPrivacy, renderPrivacyDone, renderPrivacyManage, renderPrivacyRequest } from './privacy.js';
export { renderAccountConfirm, renderAccountForm, renderAccountNotice, renderAccountSettings } from './account.js';
export type {
  AccountConfirmVM, AccountFormVM, AccountNoticeVM, AccountSettingsVM, IdentityRowVM, LinkableProviderVM, PasskeyItemVM,
  PasskeysSectionVM,
} from './account.js';
export { renderSignedInPage } from './auth.js';
export type { SignedInPageVM } from './auth.js';
export { renderPasskeySignIn } from './passkeys.js';
export type { PasskeySignInVM } from './passkeys.js';
