import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { citizenIdHint } from './citizenIdHint.ts';

/**
 * The citizen ID, checked as it is typed: how many digits are left, or what is wrong as soon
 * as it is wrong, in words the officer can act on (a prefix that is no province, a 4th digit
 * that is no century and sex, a birth year to come).
 */
export function CitizenIdField({
  value,
  onChange,
  finished,
  onBlur,
  currentYear,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The officer left the field or pressed the button: a short ID is now an error. */
  finished: boolean;
  onBlur: () => void;
  currentYear: number;
}) {
  const { t } = useTranslation('submit');
  const id = useId();
  const hint = citizenIdHint(value, currentYear, finished);
  const invalid = hint.state === 'invalid';
  let message = t('field.citizenIdHelp');
  if (hint.state === 'valid') {
    message = t('citizenId.valid', { ...hint.values, sex: t(`citizenId.${hint.values.sex}`) });
  } else if (hint.state !== 'empty') {
    message = t(hint.key, hint.values as Record<string, string | number>);
  }
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t('field.citizenId')}</label>
      <input
        id={id}
        name="citizenId"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
        required
        value={value}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      <p id={`${id}-hint`} className={`hint hint-${hint.state}`} aria-live="polite" data-hint={hint.state}>
        {message}
      </p>
    </div>
  );
}
