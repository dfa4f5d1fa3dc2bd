/** The briefing report's indicators, in the order a province's report lists them. */
export const INDICATORS = [
  'ALL_PARTICIPANTS',
  'SOCIAL_INSURANCE',
  'COMPULSORY_SI',
  'VOLUNTARY_SI',
  'UNEMPLOYMENT',
  'HEALTH',
  'HOUSEHOLD_HI',
  'STUDENT_HI',
  'NEAR_POOR_HI',
] as const;

/** Who an officer or collection agent works for, as the schema's Organisation enum names them. */
export const ORGANISATIONS = [
  'SOCIAL_SECURITY',
  'POST_OFFICE',
  'WOMENS_UNION',
  'FARMERS_ASSOCIATION',
  'YOUTH_UNION',
  'EMPLOYMENT_SERVICE_CENTRE',
  'OTHER',
] as const;
