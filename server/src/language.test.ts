import { describe, expect, it } from 'vitest';
import { connectionLanguage, preferredLanguage } from './language.ts';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['*', 'vi'],
    ['vi', 'vi'],
    ['en', 'en'],
    ['EN-us', 'en'],
    ['vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7', 'vi'],
    ['en-GB,en;q=0.9,vi;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9', 'vi'],
    ['fr, en;q=0.5', 'en'],
    ['vi;q=0.4, en;q=0.6', 'en'],
    ['en;q=0, vi;q=0.1', 'vi'],
    ['en;q=0', 'vi'],
    ['en;q=abc', 'vi'],
    ['en, vi', 'en'],
    ['vi, en', 'vi'],
  ])('reads %j as %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });

  it('reads no further than twenty entries of a header', () => {
    expect(preferredLanguage(`${'fr,'.repeat(20)}en`)).toBe('vi');
    expect(preferredLanguage(`${'fr,'.repeat(19)}en`)).toBe('en');
  });
});

describe('connectionLanguage', () => {
  it('is English only when connection_init asks for it', () => {
    expect(connectionLanguage({ language: 'en' })).toBe('en');
    expect(connectionLanguage({ language: 'vi' })).toBe('vi');
    expect(connectionLanguage({ language: 42 })).toBe('vi');
    expect(connectionLanguage({})).toBe('vi');
    expect(connectionLanguage(undefined)).toBe('vi');
  });
});
