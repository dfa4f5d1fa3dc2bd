/** The insurance schemes (loại hình) a campaign can run, in the order boards show them. */
export const schemes = [
  { code: 'VOLUNTARY_SI', vi: 'BHXH tự nguyện', en: 'Voluntary social insurance' },
  { code: 'HOUSEHOLD_HI', vi: 'BHYT hộ gia đình', en: 'Household health insurance' },
  { code: 'COMPULSORY_SI', vi: 'BHXH bắt buộc', en: 'Compulsory social insurance' },
  { code: 'UNEMPLOYMENT', vi: 'Bảo hiểm thất nghiệp (BHTN)', en: 'Unemployment insurance' },
  { code: 'STUDENT_HI', vi: 'BHYT học sinh, sinh viên', en: 'Student health insurance' },
  { code: 'NEAR_POOR_HI', vi: 'BHYT hộ cận nghèo', en: 'Near-poor household health insurance' },
] as const;

export type SchemeCode = (typeof schemes)[number]['code'];
