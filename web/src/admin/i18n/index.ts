import { i18n } from '../../i18n/index.ts';
import { en } from './en.ts';
import { vi } from './vi.ts';

// The administration's own namespace, loaded with its screens: the board does not carry it.
i18n.addResourceBundle('vi', 'admin', vi, true, true);
i18n.addResourceBundle('en', 'admin', en, true, true);

export { i18n };
