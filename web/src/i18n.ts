import { createContext, useContext } from 'react';

export type Language = 'vi' | 'en';

/** Every sentence the app shows, whole, in each language: nothing is assembled from pieces. */
export const dictionary = {
  vi: {
    title: 'Toàn Dân – Theo dõi vận động BHXH toàn dân',
    switchTo: 'English',
    campaigns: 'Chiến dịch',
    running: 'Đang diễn ra',
    month: 'Tháng vận động',
    drive: 'Đợt ra quân',
    units: 'Đơn vị',
    loading: 'Đang tải…',
    failed: 'Không tải được dữ liệu',
    noCampaigns: 'Chưa có chiến dịch nào.',
    noChildren: 'Không có đơn vị trực thuộc.',
    generated: 'dữ liệu mẫu',
    days: (from: string, to: string) => `Từ ${from} đến ${to}`,
  },
  en: {
    title: 'Toàn Dân – social-insurance campaign tracking',
    switchTo: 'Tiếng Việt',
    campaigns: 'Campaigns',
    running: 'Running',
    month: 'Campaign month',
    drive: 'Drive',
    units: 'Units',
    loading: 'Loading…',
    failed: 'Could not load the data',
    noCampaigns: 'No campaign yet.',
    noChildren: 'No units below this one.',
    generated: 'demo data',
    days: (from: string, to: string) => `From ${from} to ${to}`,
  },
} as const;

export const LanguageContext = createContext<Language>('vi');

export function useText() {
  return dictionary[useContext(LanguageContext)];
}

/** A Viet Nam day "YYYY-MM-DD" as people read it: 22/11/2026 in both languages. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
