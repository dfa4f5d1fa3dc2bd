import { describe, expect, it } from 'vitest';
import { checkFullName } from './checkFullName.ts';

describe('checkFullName', () => {
  it('keeps a Vietnamese name in NFC, trimmed, with its inner spaces folded', () => {
    const decomposed = 'Nguyê\u0303n  Thi\u0323 Lan '.normalize('NFD');
    expect(checkFullName(decomposed)).toEqual({ ok: true, fullName: 'Nguyễn Thị Lan' });
    expect(checkFullName("H'Hen Niê")).toEqual({ ok: true, fullName: "H'Hen Niê" });
  });

  it('refuses an empty or overlong name, and digits or symbols', () => {
    expect(checkFullName('   ')).toMatchObject({ ok: false, problem: 'LENGTH' });
    expect(checkFullName('A'.repeat(121))).toMatchObject({ ok: false, problem: 'LENGTH' });
    expect(checkFullName('Lan 2')).toMatchObject({ ok: false, problem: 'CHARACTERS' });
    expect(checkFullName('<b>Lan</b>')).toMatchObject({ ok: false, problem: 'CHARACTERS' });
  });
});
