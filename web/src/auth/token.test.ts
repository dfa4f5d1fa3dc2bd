import { describe, expect, it } from 'vitest';
import { getToken, signOut, takeTokenFromAddress } from './token.ts';

describe('the token', () => {
  it('is taken from ?token=, kept, and removed from the address', () => {
    window.history.replaceState(null, '', '/board/c1/38?token=abc.def&wall=1#top');
    takeTokenFromAddress();
    expect(getToken()).toBe('abc.def');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe(
      '/board/c1/38?wall=1#top',
    );
  });

  it('is taken from #token=, and a sign-in code from #code= is handed back, each removed from the address', () => {
    window.history.replaceState(null, '', '/submit#token=ghi.jkl');
    expect(takeTokenFromAddress()).toBeNull();
    expect(getToken()).toBe('ghi.jkl');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/submit');
    window.history.replaceState(null, '', '/submit#code=tdsi_abc');
    expect(takeTokenFromAddress()).toBe('tdsi_abc');
    expect(window.location.href).not.toContain('tdsi_abc');
  });

  it('is forgotten on sign-out', () => {
    window.history.replaceState(null, '', '/?token=xyz');
    takeTokenFromAddress();
    signOut();
    expect(getToken()).toBeNull();
    expect(localStorage.getItem('toandan.token')).toBeNull();
  });
});
