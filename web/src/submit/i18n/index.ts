import { i18n } from '../../i18n/index.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

// The field app's own namespace, beside the shell's `translation`.
i18n.addResourceBundle('vi', 'submit', vi, true, true);
i18n.addResourceBundle('en', 'submit', en, true, true);

export { i18n };
