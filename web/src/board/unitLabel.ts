import type { TFunction } from 'i18next';

/** Unit.kind as the schema names it (schema.graphql, UnitKind). */
export type UnitKind =
  | 'NATION'
  | 'PROVINCE'
  | 'CENTRAL_CITY'
  | 'DISTRICT'
  | 'URBAN_DISTRICT'
  | 'PROVINCIAL_CITY'
  | 'TOWN'
  | 'COMMUNE'
  | 'WARD'
  | 'TOWNSHIP'
  | 'SOCIAL_SECURITY_OFFICE';

/** The Vietnamese word of each kind, as a name may already begin with it ("Xã mẫu 2"). */
const KIND_WORD: Record<UnitKind, string | null> = {
  NATION: null,
  PROVINCE: 'tỉnh',
  CENTRAL_CITY: 'thành phố',
  PROVINCIAL_CITY: 'thành phố',
  DISTRICT: 'huyện',
  URBAN_DISTRICT: 'quận',
  TOWN: 'thị xã',
  COMMUNE: 'xã',
  WARD: 'phường',
  TOWNSHIP: 'thị trấn',
  SOCIAL_SECURITY_OFFICE: null,
};

/**
 * A unit's name with its kind, as lists write it: "TP. Thanh Hóa", "TX. Bỉm Sơn", "H. Bá Thước",
 * "TT. Thọ Xuân" (unitKind in i18n). Always, not only where two names meet: a city shares its
 * province's name and a district seat its district's (Thọ Xuân under Thọ Xuân), and a ticker or
 * a breadcrumb mixes levels, so a bare name is ambiguous in more places than one list can see.
 * A name that already carries its kind ("Xã mẫu 2" in the demo) is left as it is.
 */
export function unitLabel(unit: { name: string; kind: UnitKind }, t: TFunction): string {
  const word = KIND_WORD[unit.kind];
  if (word && unit.name.toLocaleLowerCase('vi').startsWith(`${word} `)) return unit.name;
  return t(`unitKind.${unit.kind}`, { name: unit.name });
}
