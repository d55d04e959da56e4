import { authenticator } from 'otplib';

/** RFC 6238 TOTP: 6 digits, 30 s steps, one step of clock drift either way. */
const totp = authenticator.clone({ window: 1 });

export function generateTotpSecret(): string {
  return totp.generateSecret(20);
}

export function checkTotp(secret: string, code: string, now: Date): boolean {
  const instance = totp.clone({ epoch: now.getTime() });
  return instance.check(code, secret);
}

export function totpCode(secret: string, now: Date): string {
  return totp.clone({ epoch: now.getTime() }).generate(secret);
}

export async function totpEnrolment(secret: string, account: string, issuer: string) {
  const otpauthUrl = totp.keyuri(account, issuer, secret);
  // qrcode is loaded on first enrolment, not at start-up (issue 21: idle memory).
  const { default: QRCode } = await import('qrcode');
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 });
  return { secret, otpauthUrl, qrDataUrl };
}
