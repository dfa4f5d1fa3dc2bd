/**
 * The birth year a citizen ID (CCCD) carries: digit 4 is the century and sex (0/1 born
 * 1900–1999, 2/3 born 2000–2099), digits 5–6 the year's last two. Null until those six digits
 * are there, or when digit 4 is no such century. Spaces are the caller's to remove.
 */
export function birthYearOf(digits: string): number | null {
  if (!/^\d{6}/.test(digits)) return null;
  const century = Number(digits[3]);
  if (century > 3) return null;
  return (century < 2 ? 1900 : 2000) + Number(digits.slice(4, 6));
}
