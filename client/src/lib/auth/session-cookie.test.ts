// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isCrossSite, safeNext, sessionCookie, sessionTokenFrom } from './session-cookie';

describe('session cookie', () => {
  it('should read the session token among other cookies', () => {
    const request = new Request('http://web/', { headers: { cookie: 'a=1; sf_session=sfs_x%3Dy; b=2' } });
    expect(sessionTokenFrom(request)).toBe('sfs_x=y');
    expect(sessionTokenFrom(new Request('http://web/'))).toBeUndefined();
  });

  it('should make the cookie httpOnly and SameSite=Lax, Secure only behind https', () => {
    const plain = sessionCookie(new Request('http://web/'), 'sfs_t', 60);
    expect(plain).toBe('sf_session=sfs_t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    const proxied = new Request('http://web/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(sessionCookie(proxied, 'sfs_t', 60)).toMatch(/; Secure$/);
  });

  it.each([
    'https://evil.example/',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '/api/graphql',
    '',
  ])('should not redirect after sign-in to %j', (next) => expect(safeNext(next)).toBe('/'));

  it('should keep a same-origin page with its query', () => {
    expect(safeNext('/runs?status=RUNNING')).toBe('/runs?status=RUNNING');
  });

  it('should tell cross-site requests by Sec-Fetch-Site', () => {
    expect(isCrossSite(new Request('http://web/', { headers: { 'sec-fetch-site': 'cross-site' } }))).toBe(
      true,
    );
    expect(isCrossSite(new Request('http://web/', { headers: { 'sec-fetch-site': 'same-origin' } }))).toBe(
      false,
    );
  });
});
