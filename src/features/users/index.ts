// Public surface of people and roles.
export { createUsersService } from './users.service.js';
export type { UsersService } from './users.service.js';
export { can, htmlTrustOf, isRole, maskEmail, roles, PASSWORD_MIN, PASSWORD_MAX } from './users.js';
export type { Capability, NewUserInput, Role, User } from './users.js';
