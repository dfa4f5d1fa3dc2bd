import { birthYearOf } from './birthYearOf.ts';

/** Voluntary social insurance is for citizens from the age of 15 (Luật BHXH 2024, Điều 2). */
export const VOLUNTARY_SI_MINIMUM_AGE = 15;
/** A birth year further back than this from the enrolment year is a mistyped ID, not a person. */
export const MAX_AGE = 120;

/**
 * An enrolment that is well formed but cannot be true, with the input field at fault and what
 * a message needs to say it. Ages are by year, as the citizen ID carries the year alone: the
 * enrolment year less the birth year.
 */
export type PlausibilityProblem =
  /** Too young for the scheme chosen: a child belongs in a health insurance scheme, or the ID is mistyped. */
  | {
      field: 'scheme';
      problem: 'TOO_YOUNG';
      scheme: 'VOLUNTARY_SI';
      birthYear: number;
      age: number;
      minimumAge: number;
    }
  | { field: 'citizenId'; problem: 'TOO_OLD'; birthYear: number; age: number; maximumAge: number }
  /** A name of one word: on a citizen ID, a surname and a given name at least (README). */
  | { field: 'fullName'; problem: 'ONE_WORD' };

/** What the rule reads of a submission, as the field form holds it or the server receives it. */
export interface PlausibilityInput {
  scheme: string;
  /** Spaces allowed; without its first six digits well formed, the age rules wait. */
  citizenId: string;
  fullName: string;
  /** The year of the enrolment's day in Viet Nam. */
  enrolmentYear: number;
}

/**
 * The rules of plausibility of a field submission, once for the server and the field form:
 * voluntary social insurance from 15, nobody born more than 120 years before the enrolment
 * year, a name of at least two words. Empty when none is broken. Imported lists and officers'
 * names are not held to them: one odd name must not refuse an official file.
 */
export function plausibilityProblems(input: PlausibilityInput): PlausibilityProblem[] {
  const problems: PlausibilityProblem[] = [];
  const birthYear = birthYearOf(input.citizenId.replace(/\s+/g, ''));
  if (birthYear !== null) {
    const age = input.enrolmentYear - birthYear;
    if (input.scheme === 'VOLUNTARY_SI' && age < VOLUNTARY_SI_MINIMUM_AGE) {
      problems.push({
        field: 'scheme',
        problem: 'TOO_YOUNG',
        scheme: 'VOLUNTARY_SI',
        birthYear,
        age,
        minimumAge: VOLUNTARY_SI_MINIMUM_AGE,
      });
    }
    if (age > MAX_AGE)
      problems.push({ field: 'citizenId', problem: 'TOO_OLD', birthYear, age, maximumAge: MAX_AGE });
  }
  const words = input.fullName.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 1) problems.push({ field: 'fullName', problem: 'ONE_WORD' });
  return problems;
}
