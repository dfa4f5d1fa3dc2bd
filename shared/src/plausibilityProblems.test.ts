import { describe, expect, it } from 'vitest';
import { plausibilityProblems } from './plausibilityProblems.ts';

const plausible = {
  scheme: 'VOLUNTARY_SI',
  citizenId: '038095012345',
  fullName: 'Nguyễn Thị Lan',
  enrolmentYear: 2026,
};

describe('plausibilityProblems', () => {
  it('passes an adult with a name of two words or more', () => {
    expect(plausibilityProblems(plausible)).toEqual([]);
    expect(plausibilityProblems({ ...plausible, fullName: "H'Hen Niê" })).toEqual([]);
    expect(plausibilityProblems({ ...plausible, fullName: 'Ksor Y Bhiăo' })).toEqual([]);
  });

  it('refuses voluntary social insurance before the year of the 15th birthday, and only that scheme', () => {
    const child = { ...plausible, citizenId: '038222000001' };
    expect(plausibilityProblems(child)).toEqual([
      {
        field: 'scheme',
        problem: 'TOO_YOUNG',
        scheme: 'VOLUNTARY_SI',
        birthYear: 2022,
        age: 4,
        minimumAge: 15,
      },
    ]);
    expect(plausibilityProblems({ ...child, scheme: 'HOUSEHOLD_HI' })).toEqual([]);
    // Born 2012: 14 in 2026, 15 in 2027 (by year, as the ID has no more).
    expect(plausibilityProblems({ ...plausible, citizenId: '038212000001' })).toMatchObject([{ age: 14 }]);
    expect(plausibilityProblems({ ...plausible, citizenId: '038211000001' })).toEqual([]);
    expect(plausibilityProblems({ ...plausible, citizenId: '038212000001', enrolmentYear: 2027 })).toEqual(
      [],
    );
  });

  it('refuses a birth year more than 120 years before the enrolment year, in any scheme', () => {
    expect(plausibilityProblems({ ...plausible, scheme: 'HOUSEHOLD_HI', citizenId: '038001000001' })).toEqual(
      [{ field: 'citizenId', problem: 'TOO_OLD', birthYear: 1901, age: 125, maximumAge: 120 }],
    );
    expect(plausibilityProblems({ ...plausible, citizenId: '038106000001' })).toEqual([]);
    expect(plausibilityProblems({ ...plausible, citizenId: '038105000001' })).toMatchObject([{ age: 121 }]);
  });

  it('reads the birth year through spaces, and waits for six well-formed digits', () => {
    expect(plausibilityProblems({ ...plausible, citizenId: '038 222 000 001' })).toMatchObject([
      { problem: 'TOO_YOUNG' },
    ]);
    expect(plausibilityProblems({ ...plausible, citizenId: '03822' })).toEqual([]);
    expect(plausibilityProblems({ ...plausible, citizenId: '038422000001' })).toEqual([]);
  });

  it('refuses a name of one word, whatever its length, and leaves an empty one to checkFullName', () => {
    for (const fullName of ['Lan', ' Lan ', 'A', 'Nguyễn-Lan']) {
      expect(plausibilityProblems({ ...plausible, fullName })).toEqual([
        { field: 'fullName', problem: 'ONE_WORD' },
      ]);
    }
    expect(plausibilityProblems({ ...plausible, fullName: '' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(
      plausibilityProblems({ ...plausible, citizenId: '038222000001', fullName: 'Lan' }).map(
        (p) => p.problem,
      ),
    ).toEqual(['TOO_YOUNG', 'ONE_WORD']);
  });
});
