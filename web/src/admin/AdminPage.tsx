import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../graphql.ts';
import { AuditTrail } from './AuditTrail.tsx';
import { CampaignsAdmin } from './CampaignsAdmin.tsx';
import { EnrolmentsAdmin } from './EnrolmentsAdmin.tsx';
import { OfficersAdmin } from './OfficersAdmin.tsx';
import { ReorganisationAdmin } from './ReorganisationAdmin.tsx';
import { UploadsAdmin } from './UploadsAdmin.tsx';
import './i18n/index.ts';
import './admin.css';

export const AdminViewerQuery = graphql(`
  query AdminViewer {
    viewer {
      role
      unitCode
    }
  }
`);

const SECTIONS = ['campaigns', 'uploads', 'officers', 'enrolments', 'reorganisation', 'audit'] as const;

/**
 * The command centre's administration under /admin (API.md, Administration), loaded on its own
 * so that the board does not carry it. Other roles get a sentence that says why, not a blank page;
 * the server refuses their calls as well.
 */
export default function AdminPage() {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const [{ data, error }] = useQuery({ query: AdminViewerQuery });
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  if (error && !data) return <p role="alert">{tApp('common.failed', { message: error.message })}</p>;
  if (!data) return <p role="status">{tApp('common.loading')}</p>;
  const { role, unitCode } = data.viewer;
  if (role !== 'COMMAND_CENTER') {
    return (
      <section className="page admin-refused" aria-labelledby="admin-refused-heading">
        <h2 id="admin-refused-heading">{t('refused.title')}</h2>
        <p role="alert">{t('refused.body', { role: t(`role.${role}`) })}</p>
        <p>
          <Link to="/campaigns">{t('refused.back')}</Link>
        </p>
      </section>
    );
  }
  const scope = unitCode ?? 'VN';
  const current = SECTIONS.find((section) => location.pathname.startsWith(`/admin/${section}`));
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label={t('nav.label')} data-open={menuOpen}>
        <button
          type="button"
          className="admin-menu"
          aria-expanded={menuOpen}
          aria-controls="admin-sections"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {current ? t(`nav.${current}`) : t('nav.menu')}{' '}
          <span aria-hidden="true">{menuOpen ? '▴' : '▾'}</span>
        </button>
        <ul id="admin-sections">
          {SECTIONS.map((section) => (
            <li key={section}>
              <NavLink to={`/admin/${section}`} onClick={() => setMenuOpen(false)}>
                {t(`nav.${section}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Routes>
          <Route index element={<Navigate replace to="campaigns" />} />
          <Route path="campaigns" element={<CampaignsAdmin scope={scope} />} />
          <Route path="uploads" element={<UploadsAdmin scope={scope} />} />
          <Route path="officers" element={<OfficersAdmin scope={scope} />} />
          <Route path="enrolments" element={<EnrolmentsAdmin scope={scope} />} />
          <Route path="reorganisation" element={<ReorganisationAdmin />} />
          <Route path="audit" element={<AuditTrail />} />
          <Route path="*" element={<Navigate replace to="campaigns" />} />
        </Routes>
      </div>
    </div>
  );
}
