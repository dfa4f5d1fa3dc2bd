const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Lò'];
const MIDDLE_NAMES = { MALE: ['Văn', 'Đức', 'Minh', 'Hữu'], FEMALE: ['Thị', 'Ngọc', 'Thu', 'Hồng'] };
const GIVEN_NAMES = [
  'An',
  'Bình',
  'Chi',
  'Dũng',
  'Giang',
  'Hà',
  'Hải',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Xuân',
  'Yến',
];

/**
 * A generated person's name: family, middle (by sex) and given name; `family` given, the
 * family's name (a child takes the father's), and one draw fewer.
 */
export function personName(random: () => number, sex: 'MALE' | 'FEMALE', family?: string): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return `${family ?? pick(FAMILY_NAMES)} ${pick(MIDDLE_NAMES[sex])} ${pick(GIVEN_NAMES)}`;
}

/** A well-formed citizen ID for a generated person: birth province, century and sex, year, serial. */
export function citizenIdFor(
  provinceCode: string,
  sex: 'MALE' | 'FEMALE',
  birthYear: number,
  serial: number,
): string {
  const century = (birthYear >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0);
  return `0${provinceCode}${century}${String(birthYear % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
}
