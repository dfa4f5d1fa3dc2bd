import { vnDay } from '@toandan/shared/vnDay';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorMessage } from '../errorMessage.ts';
import { graphql, readFragment } from '../graphql.ts';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { UploadPayload } from './UploadOutcome.tsx';

const ApplyReorganisation = graphql(
  `
  mutation ApplyReorganisation($effectiveOn: Date!, $rows: [ReorganisationInput!]!) {
    applyReorganisation(effectiveOn: $effectiveOn, rows: $rows) {
      ...UploadPayload
    }
  }
`,
  [UploadPayload],
);

type Change = 'merge' | 'move' | 'dissolve';
interface Row {
  key: number;
  unitCode: string;
  change: Change;
  into: string;
}

let nextKey = 1;
const blankRow = (): Row => ({ key: nextKey++, unitCode: '', change: 'merge', into: '' });

/**
 * Unit merges, moves and dissolutions (applyReorganisation): rows entered on screen, one call for
 * all of them from `effectiveOn` (today or later), all or none; each userError shown on its row.
 */
export function ReorganisationAdmin() {
  const { t } = useTranslation('admin');
  const { t: tApp } = useTranslation();
  const language = useLanguage();
  const formId = useId();
  const today = vnDay.today();
  const [effectiveOn, setEffectiveOn] = useState(today);
  const [rows, setRows] = useState<Row[]>([blankRow()]);
  const [result, apply] = useMutation(ApplyReorganisation);
  const [sent, setSent] = useState<{ rows: Row[]; effectiveOn: string } | null>(null);
  const answer = result.data?.applyReorganisation;
  const payload = answer ? readFragment(UploadPayload, answer) : null;
  const errorsOf = new Map<number, string[]>();
  const general: string[] = [];
  for (const error of payload?.userErrors ?? []) {
    const index = error.field?.[0] === 'rows' ? Number(error.field[1]) : Number.NaN;
    const key = sent?.rows[index]?.key;
    if (key === undefined) general.push(error.message);
    else errorsOf.set(key, [...(errorsOf.get(key) ?? []), error.message]);
  }

  const update = (key: number, change: Partial<Row>) =>
    setRows((before) => before.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const filled = rows.filter((row) => row.unitCode.trim());
    setSent({ rows: filled, effectiveOn });
    await apply({
      effectiveOn,
      rows: filled.map((row) => ({
        unitCode: row.unitCode.trim(),
        ...(row.change === 'merge'
          ? { mergeIntoCode: row.into.trim() }
          : row.change === 'move'
            ? { newParentCode: row.into.trim() }
            : { dissolve: true }),
      })),
    });
  };

  return (
    <section aria-labelledby="admin-reorganisation-heading" className="admin-section">
      <h2 id="admin-reorganisation-heading">{t('reorganisation.title')}</h2>
      <p className="muted">{t('reorganisation.intro')}</p>
      <form className="admin-form reorganisation-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor={`${formId}-effectiveOn`}>{t('reorganisation.effectiveOn')}</label>
        <input
          id={`${formId}-effectiveOn`}
          type="date"
          min={today}
          required
          value={effectiveOn}
          onChange={(event) => setEffectiveOn(event.target.value)}
        />
        <ol className="reorganisation-rows">
          {rows.map((row, index) => {
            const errors = errorsOf.get(row.key) ?? [];
            return (
              <li key={row.key} data-row={index} aria-invalid={errors.length > 0 || undefined}>
                <label htmlFor={`${formId}-${row.key}-unit`}>
                  {t('reorganisation.unitCode', { n: index + 1 })}
                </label>
                <input
                  id={`${formId}-${row.key}-unit`}
                  value={row.unitCode}
                  onChange={(event) => update(row.key, { unitCode: event.target.value })}
                />
                <label htmlFor={`${formId}-${row.key}-change`}>{t('reorganisation.change')}</label>
                <select
                  id={`${formId}-${row.key}-change`}
                  value={row.change}
                  onChange={(event) => update(row.key, { change: event.target.value as Change })}
                >
                  <option value="merge">{t('reorganisation.merge')}</option>
                  <option value="move">{t('reorganisation.move')}</option>
                  <option value="dissolve">{t('reorganisation.dissolve')}</option>
                </select>
                {row.change !== 'dissolve' && (
                  <>
                    <label htmlFor={`${formId}-${row.key}-into`}>
                      {row.change === 'merge' ? t('reorganisation.mergeInto') : t('reorganisation.newParent')}
                    </label>
                    <input
                      id={`${formId}-${row.key}-into`}
                      value={row.into}
                      onChange={(event) => update(row.key, { into: event.target.value })}
                    />
                  </>
                )}
                <button
                  type="button"
                  onClick={() => setRows((before) => before.filter((other) => other.key !== row.key))}
                  disabled={rows.length === 1}
                >
                  {t('reorganisation.remove')}
                </button>
                {errors.map((message) => (
                  <p role="alert" className="field-error" key={message}>
                    {message}
                  </p>
                ))}
              </li>
            );
          })}
        </ol>
        <p className="row-actions">
          <button type="button" onClick={() => setRows((before) => [...before, blankRow()])}>
            {t('reorganisation.add')}
          </button>
          <button type="submit" className="primary" disabled={result.fetching}>
            {t('reorganisation.apply')}
          </button>
        </p>
      </form>
      {general.map((message) => (
        <p role="alert" className="error" key={message}>
          {message}
        </p>
      ))}
      {result.error && (
        <p role="alert" className="error">
          {errorMessage(result.error, tApp, language)}
        </p>
      )}
      {payload && payload.userErrors.length > 0 && (
        <p role="alert" className="error">
          {t('reorganisation.refused')}
        </p>
      )}
      {payload && payload.userErrors.length === 0 && sent && (
        <p role="status" className="notice" data-reorganisation="applied">
          {t('reorganisation.applied', {
            count: payload.applied,
            day: formatDay(sent.effectiveOn, language),
          })}
        </p>
      )}
    </section>
  );
}
