import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'urql';
import { App } from './App.tsx';
import { takeTokenFromAddress } from './auth/token.ts';
import { client } from './client.ts';
import { i18n } from './i18n/index.ts';
// Last, after the pages' own stylesheets, as styles.css was: a base rule beats a page's rule of the
// same weight, so the pages look as they did. That is also why the field app's hint colours
// (.hint-valid, .hint-invalid) lose to .hint; importing this first would fix them, visibly.
import './base.css';

// Before anything renders or connects: a ?token= is kept, then removed from the address bar.
takeTokenFromAddress();
document.documentElement.lang = i18n.language;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <Provider value={client}>
        <App />
      </Provider>
    </I18nextProvider>
  </StrictMode>,
);
