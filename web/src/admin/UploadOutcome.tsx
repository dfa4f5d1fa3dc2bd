import { useTranslation } from 'react-i18next';
import { graphql } from '../graphql.ts';
import type { RowProblem } from './uploads/checkRows.ts';

export const UploadPayload = graphql(`
  fragment UploadPayload on BulkPayload {
    applied
    userErrors {
      field
      message
      code
    }
  }
`);

/** Where an upload stands, whatever its kind, before its changes are listed. */
export type Outcome =
  | { state: 'reading' }
  | { state: 'unreadable'; file: string }
  | { state: 'problems'; file: string; problems: RowProblem[]; fromServer: boolean }
  | { state: 'empty'; file: string }
  | { state: 'unchanged'; file: string }
  | { state: 'applied'; file: string; count: number };

/** An upload being read, refused line by line, unchanged or applied. */
export function UploadOutcome({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation('admin');
  switch (outcome.state) {
    case 'reading':
      return <p role="status">{t('uploads.reading')}</p>;
    case 'unreadable':
      return (
        <p role="alert" className="error">
          {t('uploads.badFile', { name: outcome.file })}
        </p>
      );
    case 'empty':
      return (
        <p role="alert" className="error">
          {t('uploads.empty')}
        </p>
      );
    case 'unchanged':
      return (
        <p role="status" className="notice" data-upload="unchanged">
          {t('uploads.unchanged', { name: outcome.file })}
        </p>
      );
    case 'applied':
      return (
        <p role="status" className="notice" data-upload="applied">
          {t('uploads.applied', { count: outcome.count, name: outcome.file })}
        </p>
      );
    case 'problems': {
      const lines = new Set(outcome.problems.map((problem) => problem.line)).size;
      return (
        <div role="alert" className="error" data-upload="problems">
          <p>{outcome.fromServer ? t('uploads.serverRefused') : t('uploads.badRows', { count: lines })}</p>
          <div className="table-scroll">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('uploads.line')}</th>
                  <th scope="col">{t('uploads.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.problems.map((problem, index) => (
                  <tr key={`${problem.line}-${index}`} data-line={problem.line}>
                    <td>{problem.line || '–'}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      );
    }
  }
}
