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
    ['03809501234', '12 digits; this one has 11'],
    ['0380950123456', '12 digits; this one has 13'],
    ['03809501234A', 'digits only'],
    ['', 'digits only'],
    ['003095012345', 'starts with 003'],
    ['038495012345', '4th digit (4)'],
    ['038299012345', 'birth year of 2099'],
  ])('refuses %j with a message that says what is wrong', (raw, fragment) => {
    const result = checkCitizenId(raw, 2026);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('INVALID');
      expect(result.message).toContain(fragment);
      expect(result.messageVi.length).toBeGreaterThan(10);
    }
  });

  it('accepts a baby born this year and refuses next year', () => {
    expect(checkCitizenId('038226000001', 2026).ok).toBe(true);
    expect(checkCitizenId('038227000001', 2026).ok).toBe(false);
  });
});
