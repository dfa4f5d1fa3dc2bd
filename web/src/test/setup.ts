import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n/index.ts';

// Each component test starts from an empty page and an empty localStorage.
afterEach(() => {
  cleanup();
  localStorage.clear();
});
