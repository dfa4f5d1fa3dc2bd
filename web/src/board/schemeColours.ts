/** One colour per scheme for the chart's lines, far apart in hue and dark enough for white. */
export const schemeColour: Record<string, string> = {
  VOLUNTARY_SI: '#0b3d91',
  HOUSEHOLD_HI: '#a0470a',
  COMPULSORY_SI: '#6a1b9a',
  UNEMPLOYMENT: '#00695c',
  STUDENT_HI: '#ad1457',
  NEAR_POOR_HI: '#37474f',
};
