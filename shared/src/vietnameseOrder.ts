const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Compares names in Vietnamese alphabetical order, as people expect lists of units: Bá Thước,
 * Cẩm Thủy, Đông Sơn (Đ after D), tones and marks after the base letters.
 */
export function vietnameseOrder(a: string, b: string): number {
  return collator.compare(a, b);
}
