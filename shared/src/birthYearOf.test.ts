import { describe, expect, it } from 'vitest';
import { birthYearOf } from './birthYearOf.ts';

describe('birthYearOf', () => {
  it('reads the century from digit 4 and the year from digits 5–6', () => {
    expect(birthYearOf('038095012345')).toBe(1995);
    expect(birthYearOf('038195012345')).toBe(1995);
    expect(birthYearOf('038222')).toBe(2022);
    expect(birthYearOf('038301000001')).toBe(2001);
    expect(birthYearOf('038001000001')).toBe(1901);
  });

  it('says nothing before the six digits are there, or of a century digit above 3', () => {
    expect(birthYearOf('03809')).toBeNull();
    expect(birthYearOf('03809x')).toBeNull();
    expect(birthYearOf('038495012345')).toBeNull();
  });
});
