import { describe, expect, it } from 'vitest';
import { contactPage, esc, uploadPage } from './public-pages';
import { hashLinkToken, newLinkToken } from '../../../platform/security/link-tokens';

describe('public pages', () => {
  it('escapes every value written into a page', () => {
    expect(esc(`<script>alert("x")</script> & 'y'`)).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;',
    );
    const html = uploadPage({
      businessName: 'Rao & Sons',
      token: 'tok',
      view: { documents: [{ id: 4, name: '<b>PAN</b>' }], expiresAt: '2026-11-30T04:30:00.000Z' },
      uploaded: '<img src=x>',
      maxUploadBytes: 20 * 1024 * 1024,
    });
    expect(html).not.toContain('<b>PAN</b>');
    expect(html).toContain('&#60;b&#62;PAN&#60;/b&#62;');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('Rao &#38; Sons');
    expect(html).toContain('action="/public/upload/tok/documents/4"');
    expect(html).toContain('until 30-11-2026');
    expect(html).toContain('up to 20 MB');
  });

  it('holds a honeypot field people do not see, and a thank-you after sending', () => {
    const html = contactPage({ businessName: 'Rao Traders', sent: false });
    expect(html).toMatch(/<div class="hp" aria-hidden="true">.*name="website" tabindex="-1"/s);
    expect(html).not.toContain('Thank you');
    expect(contactPage({ businessName: 'Rao Traders', sent: true })).toContain('Thank you');
  });
});

describe('link tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const a = newLinkToken();
    const b = newLinkToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(hashLinkToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(a)).toBe(hashLinkToken(a));
    expect(hashLinkToken(a)).not.toBe(hashLinkToken(b));
  });
});
