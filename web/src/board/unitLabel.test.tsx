import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../i18n/index.ts';
import { Breadcrumb, trailOf } from './Breadcrumb.tsx';
import { type UnitKind, unitLabel } from './unitLabel.ts';

const label = (name: string, kind: UnitKind) => unitLabel({ name, kind }, i18n.t);

describe('a unit’s name with its kind', () => {
  beforeEach(() => setLanguage('vi'));

  it('writes the kind before the name as Vietnamese lists do', () => {
    expect(label('Thanh Hóa', 'PROVINCIAL_CITY')).toBe('TP. Thanh Hóa');
    expect(label('Bỉm Sơn', 'TOWN')).toBe('TX. Bỉm Sơn');
    expect(label('Thọ Xuân', 'TOWNSHIP')).toBe('TT. Thọ Xuân');
    expect(label('Thọ Xuân', 'DISTRICT')).toBe('H. Thọ Xuân');
    expect(label('Cành Nàng', 'COMMUNE')).toBe('X. Cành Nàng');
    expect(label('Ba Đình', 'WARD')).toBe('P. Ba Đình');
    expect(label('Ninh Kiều', 'URBAN_DISTRICT')).toBe('Q. Ninh Kiều');
    expect(label('Cần Thơ', 'CENTRAL_CITY')).toBe('TP. Cần Thơ');
    // Provinces and the nation are named alone.
    expect(label('Thanh Hóa', 'PROVINCE')).toBe('Thanh Hóa');
    expect(label('Việt Nam', 'NATION')).toBe('Việt Nam');
  });

  it('leaves a name that already says its kind as it is', () => {
    expect(label('Xã mẫu 2', 'COMMUNE')).toBe('Xã mẫu 2');
    expect(label('Phường mẫu 1', 'WARD')).toBe('Phường mẫu 1');
    // "Xã" inside a name is not its kind.
    expect(label('Xã Đàn', 'URBAN_DISTRICT')).toBe('Q. Xã Đàn');
  });

  it('says the kind in English after the name', async () => {
    await setLanguage('en');
    expect(label('Thanh Hóa', 'PROVINCIAL_CITY')).toBe('Thanh Hóa City');
    expect(label('Bỉm Sơn', 'TOWN')).toBe('Bỉm Sơn Town');
    expect(label('Xã mẫu 2', 'COMMUNE')).toBe('Xã mẫu 2');
  });

  it('tells the city from its province in the breadcrumb', () => {
    const city = {
      code: '380',
      name: 'Thanh Hóa',
      kind: 'PROVINCIAL_CITY' as const,
      parent: {
        code: '38',
        name: 'Thanh Hóa',
        kind: 'PROVINCE' as const,
        parent: { code: 'VN', name: 'Việt Nam', kind: 'NATION' as const, parent: null },
      },
    };
    render(
      <MemoryRouter>
        <Breadcrumb trail={trailOf(city, 'VN')} hrefOf={(code) => `/board/c/${code}`} />
      </MemoryRouter>,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Việt Nam',
      'Thanh Hóa',
      'TP. Thanh Hóa',
    ]);
    expect(screen.getByRole('link', { name: 'Thanh Hóa' }).getAttribute('href')).toBe('/board/c/38');
  });
});
