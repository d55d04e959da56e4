/** The integration context's public face: what other contexts may import. */
export type { EmailService } from './email/email.service';
