import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/index.ts';
import { CitizenIdField } from './CitizenIdField.tsx';
import { citizenIdHint } from './citizenIdHint.ts';
import './i18n/index.ts';

function Field({ finished = false }: { finished?: boolean }) {
  const [value, setValue] = useState('');
  const [left, setLeft] = useState(finished);
  return (
    <CitizenIdField
      value={value}
      onChange={setValue}
      finished={left}
      onBlur={() => setLeft(true)}
      currentYear={2026}
    />
  );
}

const type = (value: string) => fireEvent.change(screen.getByRole('textbox'), { target: { value } });
const hint = () => document.querySelector('[data-hint]');

describe('the citizen ID, checked as it is typed', () => {
  it('says in Vietnamese what is wrong as soon as it is wrong', async () => {
    await setLanguage('vi');
    render(<Field />);
    expect(hint()?.textContent).toBe('12 chữ số trên căn cước công dân');
    type('03');
    expect(hint()?.textContent).toBe('Còn 10 chữ số nữa.');
    type('003');
    expect(hint()?.textContent).toBe('Ba số đầu 003 không phải mã tỉnh nơi đăng ký khai sinh.');
    type('0387');
    expect(hint()?.textContent).toBe('Chữ số thứ 4 (7) phải từ 0 đến 3 (thế kỷ và giới tính).');
    type('038299');
    expect(hint()?.textContent).toBe('Các chữ số 4–6 cho năm sinh 2099, sau năm hiện tại.');
    type('038 2a');
    expect(hint()?.textContent).toBe('Số CCCD chỉ gồm các chữ số.');
    type('0381900001234');
    expect(hint()?.textContent).toBe('Số CCCD có 12 chữ số; đã nhập 13 chữ số.');
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
    type('038 190 000 123');
    expect(hint()?.textContent).toBe('Hợp lệ: nữ, sinh năm 1990, khai sinh tại Thanh Hóa.');
    expect(hint()?.getAttribute('data-hint')).toBe('valid');
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBe('false');
  });

  it('calls a short ID an error only once the officer has left the field', async () => {
    await setLanguage('vi');
    render(<Field />);
    type('0920951');
    expect(hint()?.textContent).toBe('Còn 5 chữ số nữa.');
    fireEvent.blur(screen.getByRole('textbox'));
    expect(hint()?.textContent).toBe('Số CCCD phải có đủ 12 chữ số; mới nhập 7 chữ số.');
  });

  it('speaks English when asked', async () => {
    await setLanguage('en');
    render(<Field />);
    type('039');
    expect(hint()?.textContent).toBe('The first three digits 039 are not a province-of-birth code.');
    type('092095123456');
    expect(hint()?.textContent).toBe('Valid: male, born 1995, birth registered in Cần Thơ.');
    await setLanguage('vi');
  });
});

describe('citizenIdHint', () => {
  it('agrees with the server’s rule on complete IDs', () => {
    expect(citizenIdHint('038090123456', 2026)).toMatchObject({
      state: 'valid',
      values: { sex: 'MALE', birthYear: 1990 },
    });
    expect(citizenIdHint('038329123456', 2026)).toMatchObject({
      state: 'invalid',
      key: 'citizenId.birthYear',
    });
    expect(citizenIdHint('   ', 2026)).toEqual({ state: 'empty' });
  });
});
