// First, before the pages' own stylesheets: a page's rule then beats a base rule of the same
// weight (the field app's red and green hints over the base's grey .hint).
import './base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'urql';
import { App } from './App.tsx';
import { redeemSignInCode, takeTokenFromAddress } from './auth/token.ts';
import { client } from './client.ts';
import { i18n } from './i18n/index.ts';

// Before anything renders or connects: a ?token= or #token= is kept, a #code= (a QR sheet's)
// redeemed, each removed from the address bar first.
const signInCode = takeTokenFromAddress();
document.documentElement.lang = i18n.language;
if (signInCode) void redeemSignInCode(signInCode, i18n.language, i18n.t('signIn.codeFailed'));

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
