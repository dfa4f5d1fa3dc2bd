import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { useQuery } from 'urql';
import { signOut, useToken } from '../auth/token.ts';
import { graphql } from '../graphql.ts';
import { setLanguage, useLanguage } from '../i18n/index.ts';

const ViewerRoleQuery = graphql(`
  query ViewerRole {
    viewer {
      role
    }
  }
`);

/** The way into /admin, for a command-centre token only. */
function AdminLink() {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: ViewerRoleQuery });
  if (data?.viewer.role !== 'COMMAND_CENTER') return null;
  return (
    <Link className="header-link" to="/admin">
      {t('app.admin')}
    </Link>
  );
}

/** The frame of every page but the wall screen: title, language, sign-out, then the page. */
export function Layout() {
  const { t } = useTranslation();
  const language = useLanguage();
  const token = useToken();
  const other = language === 'vi' ? 'en' : 'vi';
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <h1>
          <Link to="/campaigns">{t('app.title')}</Link>
        </h1>
        <div className="app-actions">
          <button
            type="button"
            lang={other}
            aria-label={t('app.switchLanguageLabel')}
            onClick={() => void setLanguage(other)}
          >
            {t('app.switchLanguage')}
          </button>
          {token && <AdminLink key={token} />}
          {token && (
            <button type="button" onClick={signOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
