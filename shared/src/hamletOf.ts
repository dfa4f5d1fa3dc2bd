/**
 * The words that open a hamlet's or a residential group's name below a commune (thôn, ấp,
 * bản, tổ dân phố …), as BHXH's lists write addresses: "Số 12, thôn Lương Ngọc, xã Cẩm Tú".
 * Longer ones first, so "tổ dân phố 3" is not read as "tổ".
 */
const HAMLET_WORDS = [
  'tổ dân phố',
  'khu dân cư',
  'khu phố',
  'khu vực',
  'thôn',
  'ấp',
  'bản',
  'xóm',
  'buôn',
  'làng',
  'sóc',
  'plei',
  'khóm',
  'khu',
  'tổ',
  'đội',
];
/** A house number at the head of an address: "12", "12/3A", "Số 45", "số nhà 7". */
const HOUSE_NUMBER = /^(?:số\s+nhà|số|sn)?\s*\d+[\p{L}\d/-]*\s*/iu;
/** A hamlet's name as the list shows it, at most this long (the rest of an address is not). */
export const MAX_HAMLET = 120;

const startsWithWord = (segment: string, word: string) => {
  const lower = segment.toLocaleLowerCase('vi');
  return (
    lower.startsWith(word) && (lower.length === word.length || /[\s\d.]/u.test(lower[word.length] ?? ''))
  );
};

/**
 * The place an address groups under in a work list to print for a collection agent (seed 002:
 * "xuất danh sách theo địa chỉ cụ thể"): its hamlet ("Thôn Lương Ngọc"), or, in an address with
 * none, its street without the house number ("Lê Lợi"). Null when there is no address or
 * nothing to group by. Its first letter capitalised, so that "thôn 3" and "Thôn 3" are one group.
 */
export function hamletOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const segments = address
    .normalize('NFC')
    .split(/[,;]/u)
    .map((segment) => segment.trim().replace(/\s+/gu, ' '))
    .filter((segment) => segment !== '');
  const hamlet = segments.find((segment) => HAMLET_WORDS.some((word) => startsWithWord(segment, word)));
  const place = hamlet ?? segments[0]?.replace(HOUSE_NUMBER, '').trim() ?? '';
  if (place === '' || /^\d/u.test(place)) return null;
  const capitalised = place.charAt(0).toLocaleUpperCase('vi') + place.slice(1);
  return capitalised.slice(0, MAX_HAMLET);
}
