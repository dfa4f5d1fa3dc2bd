import type { UnitKind } from '../../generated/prisma/client.ts';

export interface DemoDistrict {
  code: string;
  name: string;
  kind: UnitKind;
  /** The seat (thị trấn) where it is known: its name is real, its code is generated. */
  township?: string;
}

export interface DemoProvince {
  code: string;
  name: string;
  kind: UnitKind;
  /** Population used for the demo's denominators and for scaling targets. */
  population: number;
  labourForce: number;
  districts: DemoDistrict[];
}

const district = (code: string, name: string, township?: string): DemoDistrict => ({
  code,
  name,
  kind: 'DISTRICT',
  ...(township ? { township } : {}),
});

/**
 * The provinces DOMAIN.md names, with their district-level units as they stood in 2021
 * (official GSO codes). Thanh Hóa's population is derived from the seed article: 3,220,197
 * health participants were 87.1% of the population. The other figures are approximations.
 */
export const demoProvinces: DemoProvince[] = [
  {
    code: '38',
    name: 'Thanh Hóa',
    kind: 'PROVINCE',
    population: 3_697_126,
    labourForce: 2_290_000,
    districts: [
      { code: '380', name: 'Thanh Hóa', kind: 'PROVINCIAL_CITY' },
      { code: '381', name: 'Bỉm Sơn', kind: 'TOWN' },
      { code: '382', name: 'Sầm Sơn', kind: 'PROVINCIAL_CITY' },
      district('384', 'Mường Lát', 'Mường Lát'),
      district('385', 'Quan Hóa', 'Hồi Xuân'),
      district('386', 'Bá Thước', 'Cành Nàng'),
      district('387', 'Quan Sơn', 'Sơn Lư'),
      district('388', 'Lang Chánh', 'Lang Chánh'),
      district('389', 'Ngọc Lặc', 'Ngọc Lặc'),
      district('390', 'Cẩm Thủy', 'Phong Sơn'),
      district('391', 'Thạch Thành', 'Kim Tân'),
      district('392', 'Hà Trung', 'Hà Trung'),
      district('393', 'Vĩnh Lộc', 'Vĩnh Lộc'),
      district('394', 'Yên Định', 'Quán Lào'),
      district('395', 'Thọ Xuân', 'Thọ Xuân'),
      district('396', 'Thường Xuân', 'Thường Xuân'),
      district('397', 'Triệu Sơn', 'Triệu Sơn'),
      district('398', 'Thiệu Hóa', 'Thiệu Hóa'),
      district('399', 'Hoằng Hóa', 'Bút Sơn'),
      district('400', 'Hậu Lộc', 'Hậu Lộc'),
      district('401', 'Nga Sơn', 'Nga Sơn'),
      district('402', 'Như Xuân', 'Yên Cát'),
      district('403', 'Như Thanh', 'Bến Sung'),
      district('404', 'Nông Cống', 'Nông Cống'),
      district('405', 'Đông Sơn', 'Rừng Thông'),
      district('406', 'Quảng Xương', 'Tân Phong'),
      { code: '407', name: 'Nghi Sơn', kind: 'TOWN' },
    ],
  },
  {
    code: '30',
    name: 'Hải Dương',
    kind: 'PROVINCE',
    population: 1_936_800,
    labourForce: 1_170_000,
    districts: [
      { code: '288', name: 'Hải Dương', kind: 'PROVINCIAL_CITY' },
      { code: '290', name: 'Chí Linh', kind: 'PROVINCIAL_CITY' },
      district('291', 'Nam Sách'),
      { code: '292', name: 'Kinh Môn', kind: 'TOWN' },
      district('293', 'Kim Thành'),
      district('294', 'Thanh Hà'),
      district('295', 'Cẩm Giàng'),
      district('296', 'Bình Giang'),
      district('297', 'Gia Lộc'),
      district('298', 'Tứ Kỳ'),
      district('299', 'Ninh Giang'),
      district('300', 'Thanh Miện'),
    ],
  },
  {
    code: '92',
    name: 'Cần Thơ',
    kind: 'CENTRAL_CITY',
    population: 1_246_000,
    labourForce: 760_000,
    districts: [
      { code: '916', name: 'Ninh Kiều', kind: 'URBAN_DISTRICT' },
      { code: '917', name: 'Ô Môn', kind: 'URBAN_DISTRICT' },
      { code: '918', name: 'Bình Thủy', kind: 'URBAN_DISTRICT' },
      { code: '919', name: 'Cái Răng', kind: 'URBAN_DISTRICT' },
      { code: '923', name: 'Thốt Nốt', kind: 'URBAN_DISTRICT' },
      district('924', 'Vĩnh Thạnh'),
      district('925', 'Cờ Đỏ'),
      district('926', 'Phong Điền'),
      district('927', 'Thới Lai'),
    ],
  },
];

/** Communes generated under each district-level unit (the seat first, where known). */
export const COMMUNES_PER_DISTRICT = 3;
