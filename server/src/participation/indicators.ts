import type { Indicator, Scheme } from '@toandan/db/client';

export type CoverageBase = 'POPULATION' | 'LABOUR_FORCE';

interface IndicatorRule {
  code: Indicator;
  vi: string;
  en: string;
  /** The schemes whose enrolments this system counts for it after an import; none: imported only. */
  schemes: Scheme[];
  /** What its coverage is a share of; null: it has no coverage rate. */
  coverageBase: CoverageBase | null;
  /** Imported as such; false for one the report adds up from others. */
  imported: boolean;
}

/**
 * The indicators of the briefing report in the order officials read them (seed 002: all
 * participants, compulsory SI, voluntary SI, unemployment, health). ALL_PARTICIPANTS is
 * imported only: a person in three schemes is one participant, so it is no sum of schemes.
 * SOCIAL_INSURANCE is compulsory plus voluntary SI (a person pays into one of them), the rate
 * that seed 003 plans against the labour force (48,6% in 2022 … 55% in 2025).
 */
export const indicators: readonly IndicatorRule[] = [
  {
    code: 'ALL_PARTICIPANTS',
    vi: 'Người tham gia BHXH, BHYT, BHTN',
    en: 'Participants in any scheme',
    schemes: [],
    coverageBase: null,
    imported: true,
  },
  {
    code: 'SOCIAL_INSURANCE',
    vi: 'BHXH (bắt buộc và tự nguyện)',
    en: 'Social insurance (compulsory and voluntary)',
    schemes: ['COMPULSORY_SI', 'VOLUNTARY_SI'],
    coverageBase: 'LABOUR_FORCE',
    imported: false,
  },
  {
    code: 'COMPULSORY_SI',
    vi: 'BHXH bắt buộc',
    en: 'Compulsory social insurance',
    schemes: ['COMPULSORY_SI'],
    coverageBase: 'LABOUR_FORCE',
    imported: true,
  },
  {
    code: 'VOLUNTARY_SI',
    vi: 'BHXH tự nguyện',
    en: 'Voluntary social insurance',
    schemes: ['VOLUNTARY_SI'],
    coverageBase: 'LABOUR_FORCE',
    imported: true,
  },
  {
    code: 'UNEMPLOYMENT',
    vi: 'BHTN',
    en: 'Unemployment insurance',
    schemes: ['UNEMPLOYMENT'],
    coverageBase: 'LABOUR_FORCE',
    imported: true,
  },
  {
    code: 'HEALTH',
    vi: 'BHYT',
    en: 'Health insurance (every group)',
    schemes: ['HOUSEHOLD_HI', 'STUDENT_HI', 'NEAR_POOR_HI'],
    coverageBase: 'POPULATION',
    imported: true,
  },
  {
    code: 'HOUSEHOLD_HI',
    vi: 'BHYT hộ gia đình',
    en: 'Household health insurance',
    schemes: ['HOUSEHOLD_HI'],
    coverageBase: 'POPULATION',
    imported: true,
  },
  {
    code: 'STUDENT_HI',
    vi: 'BHYT học sinh, sinh viên',
    en: 'Student health insurance',
    schemes: ['STUDENT_HI'],
    coverageBase: 'POPULATION',
    imported: true,
  },
  {
    code: 'NEAR_POOR_HI',
    vi: 'BHYT hộ cận nghèo',
    en: 'Near-poor household health insurance',
    schemes: ['NEAR_POOR_HI'],
    coverageBase: 'POPULATION',
    imported: true,
  },
];

export const indicatorRule = (code: Indicator): IndicatorRule =>
  indicators.find((rule) => rule.code === code) as IndicatorRule;

/** The imported indicators whose figures add up to SOCIAL_INSURANCE. */
export const SOCIAL_INSURANCE_PARTS: Indicator[] = ['COMPULSORY_SI', 'VOLUNTARY_SI'];
