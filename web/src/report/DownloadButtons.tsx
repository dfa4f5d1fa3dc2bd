import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getToken } from '../auth/token.ts';
import { errorMessage } from '../errorMessage.ts';
import { useLanguage } from '../i18n/index.ts';
import { reportDownloadPath } from './paths.ts';

/**
 * The report as .xlsx and .csv, from the server's downloads. A link cannot carry the token
 * (it is sent only as Authorization, never in a cookie or an address), so the file is fetched
 * with the header and handed to the browser to save under the server's name for it.
 */
export function DownloadButtons({ unitCode, asOf }: { unitCode: string; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const download = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    setFailure(null);
    try {
      const response = await fetch(reportDownloadPath(unitCode, asOf, format), {
        headers: { authorization: `Bearer ${getToken() ?? ''}`, 'accept-language': language },
      });
      if (!response.ok) {
        setFailure((await response.text()).trim());
        return;
      }
      const name =
        /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
        `bao-cao-giao-ban-${unitCode}-${asOf}.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      // After the click has handed the file over.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setFailure(errorMessage(error, t, language));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="report-downloads">
      {(['xlsx', 'csv'] as const).map((format) => (
        <button
          key={format}
          type="button"
          data-download={format}
          disabled={busy !== null}
          onClick={() => void download(format)}
        >
          {busy === format
            ? t('report.downloading')
            : t(format === 'xlsx' ? 'report.downloadXlsx' : 'report.downloadCsv')}
        </button>
      ))}
      {failure && (
        <p role="alert" className="stale">
          {t('report.downloadFailed', { message: failure })}
        </p>
      )}
    </div>
  );
}
