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
export { renderTermEdit, renderTermsScreen } from './admin-terms.js';
export type { TermColumnVM, TermEditVM, TermFormVM, TermRowVM, TermsScreenVM } from './admin-terms.js';
export { renderCommentEdit } from './admin.js';
export type { CommentEditVM, ModerationItemVM, ModerationScreenVM } from './admin-moderation.js';
export type { DashboardCommentVM, DashboardVM } from './admin-dashboard.js';
export { renderMediaDelete, renderMediaItem, renderMediaLibrary } from './admin-media.js';
export type { MediaCardVM, MediaDeleteVM, MediaItemVM, MediaLibraryVM, MediaUploadFormVM } from './admin-media.js';
export { renderCategoryChoice, renderEditLockNotice, renderEditor, renderRevisions } from './admin-editor.js';
export type { CategoryChoiceVM, DiffPartVM, EditLockNoticeVM, EditorButtonVM, EditorValuesVM, EditorVM, RevisionsVM } from './admin-editor.js';
export { renderSiteSettings } from './admin-site-settings.js';
export type { SecretFieldVM, SettingFactVM, SettingsButtonVM, SiteFieldVM, SiteSettingsPageVM, SiteSettingsSectionVM } from './admin-site-settings.js';
export { renderPostList, renderQuickEdit } from './admin-posts.js';
export type { ListFilterVM, PostListVM, PostRowVM, QuickEditVM, StatusLinkVM } from './admin-posts.js';
export { renderUserDelete, renderUserForm, renderUsersList } from './admin-users.js';
export type { UserDeleteVM, UserFormVM, UserRowVM, UsersListVM } from './admin-users.js';
export { renderProfile } from './admin-profile.js';
export type { AppPasswordRowVM, AppPasswordsSectionVM, PasswordFieldVM, ProfileVM } from './admin-profile.js';
export { renderStaffSignIn } from './admin-login.js';
export type { StaffSignInVM } from './admin-login.js';
