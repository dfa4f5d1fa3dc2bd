import { describe, expect, it } from 'vitest';
import { checkFullName } from './checkFullName.ts';

describe('checkFullName', () => {
  it('keeps a Vietnamese name in NFC, trimmed, with its inner spaces folded', () => {
    const decomposed = 'Nguyê\u0303n  Thi\u0323 Lan '.normalize('NFD');
    expect(checkFullName(decomposed)).toEqual({ ok: true, fullName: 'Nguyễn Thị Lan' });
    expect(checkFullName("H'Hen Niê")).toEqual({ ok: true, fullName: "H'Hen Niê" });
  });

  it.each([
    'Nguyễn Thị Hồng Nhung',
    'Đặng Văn Lâm',
    'Trương Mỹ Lan',
    'Lưu Thị Ngọc Diệp',
    'Hoàng Thị Thu Hường',
    'Ksor Y Bhiăo',
  ])('passes %s in NFC and in NFD', (name) => {
    expect(checkFullName(name.normalize('NFC'))).toEqual({ ok: true, fullName: name.normalize('NFC') });
    expect(checkFullName(name.normalize('NFD'))).toEqual({ ok: true, fullName: name.normalize('NFC') });
  });

  it('passes a letter with the Vietnamese maximum of two marks, in NFD (ệ, ữ, ặ)', () => {
    for (const name of ['Nguye\u0323\u0302n', 'Nu\u031b\u0303', 'Đa\u0323\u0306ng']) {
      expect(checkFullName(name)).toMatchObject({ ok: true });
    }
  });

  it('refuses an empty or overlong name, and digits or symbols', () => {
    expect(checkFullName('   ')).toMatchObject({ ok: false, problem: 'LENGTH' });
    expect(checkFullName('A'.repeat(121))).toMatchObject({ ok: false, problem: 'LENGTH' });
    expect(checkFullName('Lan 2')).toMatchObject({ ok: false, problem: 'CHARACTERS' });
    expect(checkFullName('<b>Lan</b>')).toMatchObject({ ok: false, problem: 'CHARACTERS' });
    expect(checkFullName("-'.")).toMatchObject({ ok: false, problem: 'CHARACTERS' });
  });

  it.each([
    ['only Hangul fillers U+3164', '\u3164\u3164\u3164', 'U+3164'],
    ['a Hangul filler inside a name', 'Lan\u3164', 'U+3164'],
    ['only a combining grapheme joiner U+034F', '\u034f', 'U+034F'],
    ['a variation selector U+FE0F after a letter', 'Lan\ufe0f', 'U+FE0F'],
    ['a zero-width space', 'Lan\u200bAnh', 'U+200B'],
    ['a right-to-left override', '\u202eLan', 'U+202E'],
    ['a soft hyphen', 'Lan\u00adAnh', 'U+00AD'],
    ['an unassigned code point', 'Lan\u0378', 'U+0378'],
    ['a private-use character', 'Lan\ue000', 'U+E000'],
    ['a lone surrogate', 'Lan\ud800', 'U+D800'],
    ['a NUL', 'Lan\u0000', 'U+0000'],
  ])('refuses %s', (_label, name, shown) => {
    expect(checkFullName(name)).toEqual({ ok: false, problem: 'INVISIBLE', codePoint: shown });
  });

  it.each([
    ['a leading combining mark', '\u0301Lan', 'U+0301'],
    ['only combining marks', '\u0301\u0300\u0303', 'U+0301'],
    ['a combining mark after a space', 'Lan \u0301Anh', 'U+0301'],
    ['a combining mark after a hyphen', "H'Hen-\u0300Niê", 'U+0300'],
  ])('refuses %s', (_label, name, shown) => {
    expect(checkFullName(name)).toEqual({
      ok: false,
      problem: 'MARKS',
      mark: 'NOT_ON_LETTER',
      codePoint: shown,
    });
  });

  it('refuses a letter with more than two combining marks, such as "A" with 119', () => {
    const refused = { ok: false, problem: 'MARKS', mark: 'TOO_MANY' };
    expect(checkFullName(`A${'\u0301'.repeat(119)}`)).toEqual(refused);
    expect(checkFullName('Nguye\u0323\u0302\u0301n')).toEqual(refused);
  });
});
