import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireToken } from './auth/RequireToken.tsx';
import { Layout } from './components/Layout.tsx';
import { BoardPage } from './pages/BoardPage.tsx';
import { CampaignsPage } from './pages/CampaignsPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { ReportPage } from './pages/ReportPage.tsx';
import { SubmitPage } from './pages/SubmitPage.tsx';
import { WallPage } from './pages/WallPage.tsx';
import { SignInSheetPage } from './signInSheet/SignInSheetPage.tsx';

// The administration and its spreadsheet libraries load only when /admin is opened.
const AdminPage = lazy(() => import('./admin/AdminPage.tsx'));

/**
 * The app's routes (react-router, library mode). The server answers every one of these paths
 * with index.html (server/src/app.ts), so a reload or a shared link opens the same page.
 */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route
            index
            element={
              <RequireToken>
                <CampaignsPage openRunning />
              </RequireToken>
            }
          />
          <Route
            path="campaigns"
            element={
              <RequireToken>
                <CampaignsPage />
              </RequireToken>
            }
          />
          <Route
            path="board/:campaignId/:unitCode"
            element={
              <RequireToken>
                <BoardPage />
              </RequireToken>
            }
          />
          <Route
            path="report/:unitCode"
            element={
              <RequireToken>
                <ReportPage />
              </RequireToken>
            }
          />
          <Route
            path="print/sign-in/:unitCode"
            element={
              <RequireToken>
                <SignInSheetPage />
              </RequireToken>
            }
          />
          <Route
            path="admin/*"
            element={
              <RequireToken>
                <Suspense fallback={<AdminLoading />}>
                  <AdminPage />
                </Suspense>
              </RequireToken>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route
          path="submit"
          element={
            <RequireToken>
              <SubmitPage />
            </RequireToken>
          }
        />
        <Route
          path="wall/:campaignId/:unitCode"
          element={
            <RequireToken>
              <WallPage />
            </RequireToken>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}

function AdminLoading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}
