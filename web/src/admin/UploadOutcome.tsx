import type { TFunction } from 'i18next';
import type { ChangeEvent } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../errorMessage.ts';
import { type FragmentOf, graphql, readFragment } from '../graphql.ts';
import type { Language } from '../i18n/format.ts';
import { type Cell, problemsOnLines, type RowProblem } from './uploads/checkRows.ts';

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

/** The sheet's cells, or null when neither exceljs nor Papa Parse can read the file. */
export async function readSheetOrNull(file: File): Promise<Cell[][] | null> {
  try {
    const { readSheet } = await import('./uploads/spreadsheet.ts');
    return await readSheet(file);
  } catch {
    return null;
  }
}

/** What a bulk call answered, as the upload shows it: applied, or refused on the sheet's lines. */
export function outcomeOfPayload(
  answer: FragmentOf<typeof UploadPayload> | null | undefined,
  error: unknown,
  file: string,
  sent: readonly { line: number }[],
  tApp: TFunction,
  language: Language,
): Outcome {
  const payload = answer ? readFragment(UploadPayload, answer) : null;
  if (!payload)
    return {
      state: 'problems',
      file,
      problems: [{ line: 0, message: errorMessage(error, tApp, language) }],
      fromServer: true,
    };
  if (payload.userErrors.length)
    return { state: 'problems', file, problems: problemsOnLines(payload.userErrors, sent), fromServer: true };
  return { state: 'applied', file, count: payload.applied };
}

/** The template downloads and the file input of an upload. */
export function SheetPicker({
  disabled,
  onTemplate,
  onFile,
}: {
  disabled: boolean;
  onTemplate: (format: 'xlsx' | 'csv') => void;
  onFile: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const { t } = useTranslation('admin');
  const id = useId();
  return (
    <>
      <p className="row-actions">
        <button type="button" onClick={() => onTemplate('xlsx')} disabled={disabled}>
          {t('uploads.template')}
        </button>
        <button type="button" onClick={() => onTemplate('csv')} disabled={disabled}>
          {t('uploads.templateCsv')}
        </button>
      </p>
      <label htmlFor={id}>{t('uploads.file')}</label>
      <input
        id={id}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        onChange={onFile}
        disabled={disabled}
      />
    </>
  );
}

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
