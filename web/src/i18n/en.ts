import type { Resources } from './vi.ts';

/** English, for partner agencies and visitors: the same keys as Vietnamese. */
export const en: Resources = {
  app: {
    title: 'Toàn Dân – social-insurance campaign tracking',
    switchLanguage: 'Tiếng Việt',
    switchLanguageLabel: 'Switch to Vietnamese',
    signOut: 'Sign out',
    skipToContent: 'Skip to the main content',
  },
  signIn: {
    title: 'Sign in',
    token: 'Access token',
    hint: 'The token an administrator gave you (pnpm token). It is kept in this browser.',
    submit: 'Sign in',
    refused: 'This token is not valid, has expired or was revoked. Please enter another one.',
  },
  notFound: { title: 'This page does not exist.' },
  common: {
    loading: 'Loading…',
    failed: 'Could not load the data: {{message}}',
    retry: 'Try again',
  },
  campaigns: {
    title: 'Campaigns',
    running: 'Running',
    month: 'Campaign month',
    drive: 'Drive',
    days: 'From {{from}} to {{to}}',
    none: 'No campaign yet.',
    open: 'Open the board',
    openWall: 'Wall screen',
  },
  scheme: {
    VOLUNTARY_SI: 'Voluntary SI',
    HOUSEHOLD_HI: 'Household HI',
    COMPULSORY_SI: 'Compulsory SI',
    UNEMPLOYMENT: 'Unemployment',
    STUDENT_HI: 'Student HI',
    NEAR_POOR_HI: 'Near-poor HI',
  },
  connection: {
    connecting: 'Connecting',
    live: 'Live',
    reconnecting: 'Reconnecting',
    offline: 'Offline',
    lastUpdate: 'Updated at {{time}}',
    never: 'Not updated yet',
  },
};
