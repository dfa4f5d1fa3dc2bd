import { describe, expect, it } from 'vitest';
import { hamletOf } from './hamletOf.ts';

describe('hamletOf', () => {
  it('finds the hamlet or residential group in an address as BHXH’s lists write it', () => {
    expect(hamletOf('Số 12, thôn Lương Ngọc, xã Cẩm Tú, huyện Cẩm Thủy')).toBe('Thôn Lương Ngọc');
    expect(hamletOf('Thôn 3, xã Đông Tiến')).toBe('Thôn 3');
    expect(hamletOf('ấp Thới Hòa, xã Thới Lai')).toBe('Ấp Thới Hòa');
    expect(hamletOf('45 Trần Phú, tổ dân phố 7, phường Ba Đình')).toBe('Tổ dân phố 7');
    expect(hamletOf('Bản Hạ; xã Cành Nàng')).toBe('Bản Hạ');
  });

  it('falls back to the street without its house number, and to nothing', () => {
    expect(hamletOf('12/3A Lê Lợi, phường Hạc Thành')).toBe('Lê Lợi');
    expect(hamletOf('Số nhà 7 Nguyễn Trãi')).toBe('Nguyễn Trãi');
    expect(hamletOf('  ')).toBeNull();
    expect(hamletOf(null)).toBeNull();
    expect(hamletOf('12')).toBeNull();
    // A word that only begins like a hamlet word is not one.
    expect(hamletOf('Bảng Lộc, xã X')).toBe('Bảng Lộc');
    expect(hamletOf('Xóm Mới')).toBe('Xóm Mới');
  });
});
