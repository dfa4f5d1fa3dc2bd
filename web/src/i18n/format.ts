/**
 * Numbers, percentages, days and times as people read them: `3.294.829`, `104,61%`,
 * `22/11/2026` in Vietnamese (Intl's vi-VN), `3,294,829`, `104.61%`, `22/11/2026` in English
 * (en-GB, which also writes the day first). Days and times are Viet Nam's (Asia/Ho_Chi_Minh),
 * whatever the time zone of the screen.
 */
export type Language = 'vi' | 'en';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const locales: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

function cached<T>(make: (locale: string) => T): (language: Language) => T {
  const made = new Map<Language, T>();
  return (language) => {
    let value = made.get(language);
    if (!value) {
      value = make(locales[language] ?? 'vi-VN');
      made.set(language, value);
    }
    return value;
  };
}

const integer = cached((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }));
const percent = cached(
  (locale) =>
    new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);
const change = cached(
  (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }),
);
const shortPercent = cached(
  (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
);
const day = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }),
);
const time = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: TIME_ZONE,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
);

/** 3294829 → "3.294.829" (vi) or "3,294,829" (en). */
export function formatNumber(value: number, language: Language): string {
  return integer(language).format(value);
}

/** A change, signed: 19164 → "+19.164", -250 → "-250"; "–" when nothing is known to compare with. */
export function formatChange(value: number | null | undefined, language: Language): string {
  return value == null ? '–' : change(language).format(value);
}

/** A percentage as the API gives it (104.61 for 104.61%) → "104,61%"; "–" when there is none. */
export function formatPercent(value: number | null | undefined, language: Language): string {
  return value == null ? '–' : percent(language).format(value / 100);
}

/** Rounded to whole percent, for the narrow cells of a wall screen: "105%". */
export function formatShortPercent(value: number | null | undefined, language: Language): string {
  return value == null ? '–' : shortPercent(language).format(value / 100);
}

/** A Viet Nam day "YYYY-MM-DD" → "22/11/2026". The string is already Viet Nam's day, so it is
 * read at UTC midnight and shown in UTC: no time zone can move it. */
export function formatDay(vnDay: string, language: Language): string {
  return day(language).format(new Date(`${vnDay}T00:00:00Z`));
}

/** "22/11", for a chart's axis (Intl's vi-VN writes day and month alone as 22-11). */
export function formatShortDay(vnDay: string): string {
  return `${vnDay.slice(8, 10)}/${vnDay.slice(5, 7)}`;
}

/** An instant → its time of day in Viet Nam, "14:05:09". */
export function formatTime(instant: Date | string, language: Language): string {
  return time(language).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** An instant as a day and a time in Viet Nam: "01/12/2026 14:05:09". */
export function formatDateTime(instant: Date | string, language: Language): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const vnDay = new Date(date.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return `${formatDay(vnDay, language)} ${formatTime(date, language)}`;
}
