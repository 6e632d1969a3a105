// The default theme's public surface: one render function per page type.
export { renderLayout } from './layout.js';
export { renderList } from './list.js';
export { renderSingle } from './single.js';
export { renderError, renderForm, renderNotice } from './messages.js';
export { renderAdminLayout, renderDashboard, renderModeration } from './admin.js';
