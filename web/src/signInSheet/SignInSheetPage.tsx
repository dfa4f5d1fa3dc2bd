import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '../graphql.ts';
import './signInSheet.css';

const OfficersQuery = graphql(`
  query SheetOfficers($unitCode: String!) {
    officers(unitCode: $unitCode, first: 500) {
      edges { node { code name active } }
    }
  }
`);

const IssueCodes = graphql(`
  mutation IssueSignInCodes($officerCodes: [String!]!, $days: Int) {
    issueSignInCodes(officerCodes: $officerCodes, days: $days) {
      officerCode
      url
      expiresAt
      officer { name unit { code name } }
    }
  }
`);

type Code = ResultOf<typeof IssueCodes>['issueSignInCodes'][number];

/** The expiry as the sheet prints it: a day and a time in Viet Nam. */
function expiry(instant: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** One officer's QR code, drawn in the browser: the code never leaves it but in the image. */
function SignInCard({ code }: { code: Code }) {
  const { t, i18n } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(code.url, { errorCorrectionLevel: 'M', margin: 2, width: 360 }).then((url) => {
      if (current) setImage(url);
    });
    return () => {
      current = false;
    };
  }, [code.url]);
  return (
    <li className="sign-in-card" data-officer-code={code.officerCode}>
      {image ? (
        <img src={image} alt={t('sheet.qrAlt', { name: code.officer.name })} width={180} height={180} />
      ) : (
        <span className="qr-pending" role="status">
          {t('common.loading')}
        </span>
      )}
      <div>
        <p className="name">{code.officer.name}</p>
        <p>
          {code.officer.unit.name} ({code.officer.unit.code})
        </p>
        <p>
          {t('sheet.officerCode')}: {code.officerCode}
        </p>
        <p className="expiry">{t('sheet.expires', { when: expiry(code.expiresAt, i18n.language) })}</p>
      </div>
    </li>
  );
}

/**
 * The printable A4 sheet of one-time sign-in codes for the active officers of a unit's subtree
 * (issueSignInCodes): each QR code opens /submit signed in as its officer, once, within 7 days,
 * with the officer's name, unit and the code's expiry beside it. The codes are shown once:
 * a lost sheet is worth nothing once the phones have signed in.
 */
export function SignInSheetPage() {
  const { t } = useTranslation();
  const { unitCode = '' } = useParams();
  // The officers ticked on the officers' screen (their codes are no secret); all when none.
  const [search] = useSearchParams();
  const chosen = new Set((search.get('officers') ?? '').split(',').filter(Boolean));
  const [{ data, fetching, error }] = useQuery({ query: OfficersQuery, variables: { unitCode } });
  const [issued, issue] = useMutation(IssueCodes);
  if (fetching && !data) return <p role="status">{t('common.loading')}</p>;
  if (error && !data) return <p role="alert">{t('common.failed', { message: error.message })}</p>;
  const active = (data?.officers.edges ?? [])
    .map((edge) => edge.node)
    .filter((officer) => officer.active && (chosen.size === 0 || chosen.has(officer.code)));
  const codes = issued.data?.issueSignInCodes ?? [];
  return (
    <section className="sign-in-sheet" aria-labelledby="sheet-title">
      <h2 id="sheet-title">{t('sheet.title', { unit: unitCode })}</h2>
      <p className="sheet-hint">{t('sheet.hint')}</p>
      {issued.error && <p role="alert">{t('common.failed', { message: issued.error.message })}</p>}
      {codes.length === 0 ? (
        active.length === 0 ? (
          <p>{t('sheet.none')}</p>
        ) : (
          <button
            type="button"
            disabled={issued.fetching}
            onClick={() => void issue({ officerCodes: active.map((officer) => officer.code) })}
          >
            {t('sheet.issue', { count: active.length })}
          </button>
        )
      ) : (
        <>
          <button type="button" className="print-button" onClick={() => window.print()}>
            {t('sheet.print')}
          </button>
          <ul className="sign-in-cards">
            {codes.map((code) => (
              <SignInCard key={code.officerCode} code={code} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
