import { createHash } from 'node:crypto';
import slugify from '@sindresorhus/slugify';

const SEGMENT_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * A file-name-safe slug of any text: transliterated ASCII words joined by "-" (slugify), at most `max` characters.
 * Text that leaves nothing usable (emoji, a script slugify cannot transliterate, "..") falls back to a short hash of
 * the text, so every input yields a stable, valid name and no input can climb out of its folder.
 */
export function safeSlug(text: string, fallbackPrefix = 'x', max = 60): string {
  const slug = slugify(text, { lowercase: true, decamelize: false }).slice(0, max).replace(/-+$/, '');
  if (slug && SEGMENT_RE.test(slug)) return slug;
  return `${fallbackPrefix}-${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 10)}`;
}

/** True for a key whose every segment is a plain name (no "", ".", "..", separators or leading dot). */
export function isSafeKey(key: string): boolean {
  const segments = key.split('/');
  return segments.length > 0 && segments.every((s) => SEGMENT_RE.test(s) && s !== '.' && s !== '..');
}

/** Joins already-safe segments into a key, refusing anything that is not (a programming error). */
export function joinKey(...segments: string[]): string {
  const key = segments.join('/');
  if (!isSafeKey(key)) throw new Error(`unsafe storage key: ${key}`);
  return key;
}
