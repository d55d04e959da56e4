import { describe, expect, it } from 'vitest';
import { generatePassword } from './password';

describe('generatePassword', () => {
  it('makes grouped passwords long enough for the server floor of 10 characters', () => {
    const pw = generatePassword();
    expect(pw).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(pw.length).toBeGreaterThanOrEqual(10);
  });

  it('leaves out look-alike characters', () => {
    const sample = Array.from({ length: 50 }, () => generatePassword()).join('');
    expect(sample).not.toMatch(/[0O1lI]/);
  });

  it('does not repeat', () => {
    expect(new Set(Array.from({ length: 20 }, () => generatePassword())).size).toBe(20);
  });
});
