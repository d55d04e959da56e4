import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the documented defaults', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: '127.0.0.1',
      BIZDASH_DATA_DIR: './data',
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.BIZDASH_SECRET).toBeUndefined();
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: ' ' }).PORT).toBe(8080);
  });

  it('names every bad variable', () => {
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', BIZDASH_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const variables = (error as EnvError).issues.map((i) => i.variable).sort();
      expect(variables).toEqual(['BIZDASH_SECRET', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
      expect((error as EnvError).message).toContain('DATABASE_URL: must be a postgres:// URL');
    }
  });

  it('accepts a PostgreSQL URL and a port range', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u@h:5432/db', PORT: '9000' })).toMatchObject({ PORT: 9000 });
    expect(() => parseEnv({ PORT: '70000' })).toThrow(EnvError);
  });
});
