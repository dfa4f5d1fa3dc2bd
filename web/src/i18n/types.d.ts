import type { AdminResources } from '../admin/i18n/vi.ts';
import type { SubmitResources } from '../submit/i18n/vi.ts';
import type { Resources } from './vi.ts';

// t('…') keys and their interpolations are checked against the Vietnamese resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources; submit: SubmitResources; admin: AdminResources };
  }
}
