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

  it('takes TRUST_PROXY as a hop count or proxy addresses, and refuses `true` by name', () => {
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['true', '10.0.0.0/33', 'proxy.local', '99']) {
      try {
        parseEnv({ TRUST_PROXY: bad });
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        expect((error as EnvError).issues.map((i) => i.variable)).toEqual(['TRUST_PROXY']);
      }
    }
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: `true` would trust any X-Forwarded-For/);
  });

  it('keeps the API docs behind a login unless BIZDASH_PUBLIC_API_DOCS is true', () => {
    expect(parseEnv({}).BIZDASH_PUBLIC_API_DOCS).toBe(false);
    expect(parseEnv({ BIZDASH_PUBLIC_API_DOCS: 'true' }).BIZDASH_PUBLIC_API_DOCS).toBe(true);
  });
});
