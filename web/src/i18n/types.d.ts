import type { Resources } from './vi.ts';

// t('…') keys and their interpolations are checked against the Vietnamese resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}
