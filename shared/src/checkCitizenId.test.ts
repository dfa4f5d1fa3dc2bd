import { describe, expect, it } from 'vitest';
import { checkCitizenId } from './checkCitizenId.ts';

describe('checkCitizenId', () => {
  it('accepts a well-formed ID and reads province, sex and birth year', () => {
    expect(checkCitizenId('038095012345', 2026)).toEqual({
      ok: true,
      citizenId: '038095012345',
      birthProvinceCode: '038',
      birthProvince: 'Thanh Hóa',
      sex: 'MALE',
      birthYear: 1995,
    });
    expect(checkCitizenId('092 301 000 001', 2026)).toMatchObject({
      ok: true,
      citizenId: '092301000001',
      sex: 'FEMALE',
      birthYear: 2001,
    });
  });

  it.each([
    ['03809501234', { problem: 'LENGTH', count: 11 }],
    ['0380950123456', { problem: 'LENGTH', count: 13 }],
    ['03809501234A', { problem: 'DIGITS_ONLY' }],
    ['', { problem: 'DIGITS_ONLY' }],
    ['003095012345', { problem: 'PROVINCE', prefix: '003' }],
    ['038495012345', { problem: 'CENTURY', digit: 4 }],
    ['038299012345', { problem: 'BIRTH_YEAR', year: 2099 }],
  ])('refuses %j with the problem and what a message needs to say it', (raw, problem) => {
    expect(checkCitizenId(raw, 2026)).toEqual({ ok: false, problem });
  });

  it('accepts a baby born this year and refuses next year', () => {
    expect(checkCitizenId('038226000001', 2026).ok).toBe(true);
    expect(checkCitizenId('038227000001', 2026).ok).toBe(false);
  });
});
