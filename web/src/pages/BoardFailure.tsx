import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql } from '../graphql.ts';
import { useLanguage } from '../i18n/index.ts';

/** Whether the campaign and the unit a board names exist: the two NOT_FOUNDs a board can meet. */
const BoardAddressQuery = graphql(`
  query BoardAddress($campaignId: ID!, $unitCode: String!) {
    campaign(id: $campaignId) {
      id
    }
    unit(code: $unitCode) {
      code
    }
  }
`);

/**
 * Why a board could not be opened, worded by the web. The live board keeps only its error's
 * message, where the code is lost, so the address is asked again: an unknown unit or campaign
 * is said as such, any other failure from its codes (errorMessage.ts).
 */
export function BoardFailure({
  campaignId,
  unitCode,
  error,
}: {
  campaignId: string;
  unitCode: string;
  /** The board's own error message, worded only as a network failure or not. */
  error: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [address] = useQuery({
    query: BoardAddressQuery,
    variables: { campaignId, unitCode },
    requestPolicy: 'network-only',
  });
  const reason = address.fetching
    ? null
    : address.data && !address.data.unit
      ? t('error.unitNotFound', { code: unitCode })
      : address.data && !address.data.campaign
        ? t('error.campaignNotFound', { id: campaignId })
        : errorMessage(address.error ?? error, t, language);
  if (!reason) return <p role="status">{t('common.loading')}</p>;
  return (
    <p role="alert" data-board-failure>
      {t('common.failed', { message: reason })}
    </p>
  );
}
