import { describe, expect, it } from 'vitest';
import { citizenIdProblem } from './citizenIdProblem.ts';

describe('citizenIdProblem', () => {
  it('names the first problem of a whole ID, with what a message needs', () => {
    expect(citizenIdProblem('038095012345', 2026)).toBeNull();
    expect(citizenIdProblem('03809501234x', 2026)).toEqual({ problem: 'DIGITS_ONLY' });
    expect(citizenIdProblem('0380950123', 2026)).toEqual({ problem: 'LENGTH', count: 10 });
    expect(citizenIdProblem('003095012345', 2026)).toEqual({ problem: 'PROVINCE', prefix: '003' });
    expect(citizenIdProblem('038495012345', 2026)).toEqual({ problem: 'CENTURY', digit: 4 });
    expect(citizenIdProblem('038227012345', 2026)).toEqual({ problem: 'BIRTH_YEAR', year: 2027 });
  });

  it('applies each rule to the digits typed so far as soon as they are there', () => {
    expect(citizenIdProblem('03', 2026, true)).toBeNull();
    expect(citizenIdProblem('003', 2026, true)).toEqual({ problem: 'PROVINCE', prefix: '003' });
    expect(citizenIdProblem('0384', 2026, true)).toEqual({ problem: 'CENTURY', digit: 4 });
    expect(citizenIdProblem('038227', 2026, true)).toEqual({ problem: 'BIRTH_YEAR', year: 2027 });
    expect(citizenIdProblem('0380950123456', 2026, true)).toEqual({ problem: 'LENGTH', count: 13 });
  });

  it('finds no problem in any beginning of an ID the whole rule accepts', () => {
    for (const id of ['038095012345', '092301000001', '001226000001']) {
      expect(citizenIdProblem(id, 2026)).toBeNull();
      for (let length = 1; length <= id.length; length++) {
        expect(citizenIdProblem(id.slice(0, length), 2026, true)).toBeNull();
      }
    }
  });
});
