import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h2>{t('notFound.title')}</h2>
      <p>
        <Link to="/campaigns">{t('campaigns.title')}</Link>
      </p>
    </section>
  );
}
