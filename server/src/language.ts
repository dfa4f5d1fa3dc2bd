/** The languages the API words its messages in (API.md, UserError.message): Vietnamese first. */
export type Language = 'vi' | 'en';

/** A header of more entries than this is read no further: nobody ranks twenty languages. */
const MAX_ENTRIES = 20;

/**
 * The language a request prefers, from its Accept-Language header (RFC 9110 §12.5.4): the
 * highest-weighted of vi and en, the earlier one on a tie; Vietnamese when the header names
 * neither, or is absent.
 */
export function preferredLanguage(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return 'vi';
  let best: Language = 'vi';
  let bestWeight = 0;
  for (const entry of acceptLanguage.split(',', MAX_ENTRIES)) {
    const [range = '', ...parameters] = entry.split(';');
    const primary = range.trim().toLowerCase().split('-')[0];
    if (primary !== 'vi' && primary !== 'en') continue;
    const q = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (weight > bestWeight) {
      best = primary;
      bestWeight = weight;
    }
  }
  return best;
}

/** A WebSocket's language: `"language": "en"` in its connection_init payload, else Vietnamese. */
export function connectionLanguage(connectionParams: Record<string, unknown> | undefined): Language {
  const language = connectionParams?.language;
  return typeof language === 'string' ? preferredLanguage(language) : 'vi';
}
