// Public surface of people and roles.
export { createUsersService } from './users.service.js';
export type { UsersService } from './users.service.js';
export { can, displayNameProblem, emailProblem, htmlTrustOf, isRole, maskEmail, roles, validateNewUser, PASSWORD_MIN, PASSWORD_MAX } from './users.js';
export { hashPassword } from './password.js';
export type { Capability, NewUserInput, Role, User } from './users.js';
export { USERS_PAGE_SIZE, emailTaken, userNotFound, validateProfileChanges } from './user-admin.js';
export type { ProfileChanges, UserListItem, UserListPage, UserListQuery, UserProfile } from './user-admin.js';
export type { UserAdministration } from './user-admin.service.js';
