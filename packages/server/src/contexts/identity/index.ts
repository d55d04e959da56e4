/** The identity context's public face: what other contexts may import. */
export { makeLoginThrottle } from './auth/login-throttle';
export type { UsersService } from './users/users.service';
