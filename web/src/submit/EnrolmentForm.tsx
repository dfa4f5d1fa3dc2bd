import { checkCitizenId } from '@toandan/shared/checkCitizenId';
import { checkFullName } from '@toandan/shared/checkFullName';
import { vnDay } from '@toandan/shared/vnDay';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../i18n/format.ts';
import { useLanguage } from '../i18n/index.ts';
import { CitizenIdField } from './CitizenIdField.tsx';
import { type FieldContext, runningCampaigns } from './fieldContext.ts';
import type { QueuedSubmission } from './queueStore.ts';
import { initialChoice, rememberChoice, rememberedChoice } from './rememberedChoice.ts';

export interface FormValues {
  campaignId: string;
  scheme: string;
  unitCode: string;
  citizenId: string;
  fullName: string;
}

/**
 * The form, top to bottom as a thumb reaches it: campaign (implied when one is running),
 * scheme, unit (the last chosen, kept through reloads, else the agent's own), citizen ID
 * checked as typed, full name, and one button. Pressing it keeps the submission on the phone with its idempotency key at once; the
 * confirmation above says whether it went out yet.
 */
export function EnrolmentForm({
  context,
  editing,
  onSubmit,
  onCancelEdit,
}: {
  context: FieldContext;
  /** A refused submission being corrected: the form holds its values, the button resends it. */
  editing: QueuedSubmission | null;
  onSubmit: (values: FormValues) => Promise<void>;
  onCancelEdit: () => void;
}) {
  const { t } = useTranslation('submit');
  const { t: tShell } = useTranslation();
  const language = useLanguage();
  const nameId = useId();
  const today = vnDay.today();
  const currentYear = Number(today.slice(0, 4));
  const campaigns = runningCampaigns(context.campaigns, today);
  const defaultUnit =
    context.units.find((unit) => unit.code === context.viewer.officer?.unit.code)?.code ??
    context.units[0]?.code ??
    '';
  // The page gives the form a new key for each correction, so its values start from it.
  const [values, setValues] = useState<FormValues>(() =>
    editing
      ? {
          campaignId: editing.input.campaignId,
          scheme: editing.input.scheme,
          unitCode: editing.input.unitCode,
          citizenId: editing.input.citizenId ?? '',
          fullName: editing.input.fullName ?? '',
        }
      : {
          ...initialChoice(campaigns, context.units, defaultUnit, rememberedChoice()),
          citizenId: '',
          fullName: '',
        },
  );
  const [touched, setTouched] = useState({ citizenId: Boolean(editing), fullName: Boolean(editing) });
  const [busy, setBusy] = useState(false);
  const citizenIdRef = useRef<HTMLDivElement>(null);

  // Fresh campaigns and units from the server (the form opened on the kept ones, or on none):
  // a choice that no longer holds gives way, as on opening. A correction keeps what was refused.
  const { campaignId, scheme, unitCode } = values;
  useEffect(() => {
    if (editing) return;
    const holds = initialChoice(campaigns, context.units, defaultUnit, { campaignId, scheme, unitCode });
    if (holds.campaignId !== campaignId || holds.scheme !== scheme || holds.unitCode !== unitCode)
      setValues((old) => ({ ...old, ...holds }));
  }, [editing, campaigns, context.units, defaultUnit, campaignId, scheme, unitCode]);
  // The choice outlives a reload; a correction's values are the refused submission's, not one.
  useEffect(() => {
    if (!editing && campaignId && scheme && unitCode) rememberChoice({ campaignId, scheme, unitCode });
  }, [editing, campaignId, scheme, unitCode]);

  if (campaigns.length === 0 && !editing) return <p className="notice">{t('noCampaign')}</p>;
  const campaign = context.campaigns.find((c) => c.id === values.campaignId) ?? campaigns[0];
  // A correction keeps showing the scheme it was refused for, even one the campaign dropped.
  const schemeChoices: string[] = [...(campaign?.schemes ?? [])];
  if (values.scheme && !schemeChoices.includes(values.scheme)) schemeChoices.push(values.scheme);
  const set = (field: keyof FormValues) => (value: string) =>
    setValues((old) => ({ ...old, [field]: value }));
  const name = checkFullName(values.fullName);
  const nameMessage =
    !touched.fullName || name.ok
      ? null
      : name.problem === 'INVISIBLE'
        ? t('fullNameInvisible')
        : name.problem === 'MARKS'
          ? t('fullNameMarks')
          : values.fullName.trim()
            ? t('fullNameInvalid')
            : t('fullNameMissing');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched({ citizenId: true, fullName: true });
    const citizen = checkCitizenId(values.citizenId, currentYear);
    if (!citizen.ok || !name.ok || !values.campaignId || !values.scheme || !values.unitCode) {
      const form = event.currentTarget as HTMLFormElement;
      (form.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
      if (!citizen.ok) citizenIdRef.current?.querySelector('input')?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit({ ...values, citizenId: citizen.citizenId, fullName: name.fullName });
      setValues((old) => ({ ...old, citizenId: '', fullName: '' }));
      setTouched({ citizenId: false, fullName: false });
      citizenIdRef.current?.querySelector('input')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="enrolment-form" onSubmit={submit} noValidate aria-label={t('title')}>
      {campaigns.length > 1 ? (
        <SelectField
          label={t('field.campaign')}
          name="campaignId"
          value={values.campaignId}
          onChange={(campaignId) => {
            const chosen = campaigns.find((c) => c.id === campaignId);
            setValues((old) => ({
              ...old,
              campaignId,
              scheme: chosen?.schemes.includes(old.scheme as never) ? old.scheme : (chosen?.schemes[0] ?? ''),
            }));
          }}
          options={campaigns.map((c) => ({ value: c.id, text: c.name }))}
        />
      ) : (
        <p className="implied-campaign">
          <input type="hidden" name="campaignId" value={values.campaignId} />
          <span className="label">{t('field.campaign')}</span> <strong>{campaign?.name}</strong>
          {/* Drives are often named with their days already: not twice. */}
          {campaign && !campaign.name.includes(formatDay(campaign.startsOn, language)) && (
            <span className="days">
              {' '}
              (
              {t('campaignDays', {
                from: formatDay(campaign.startsOn, language),
                to: formatDay(campaign.endsOn, language),
              })}
              )
            </span>
          )}
        </p>
      )}

      <SelectField
        label={t('field.scheme')}
        name="scheme"
        value={values.scheme}
        onChange={set('scheme')}
        options={schemeChoices.map((scheme) => ({
          value: scheme,
          text: tShell(`scheme.${scheme}` as 'scheme.VOLUNTARY_SI'),
        }))}
      />
      <SelectField
        label={t('field.unit')}
        name="unitCode"
        value={values.unitCode}
        onChange={set('unitCode')}
        options={context.units.map((unit) => ({
          value: unit.code,
          text: `${'\u00a0\u00a0'.repeat(unit.depth)}${unit.name} (${unit.code})`,
        }))}
      />

      <div ref={citizenIdRef}>
        <CitizenIdField
          value={values.citizenId}
          onChange={set('citizenId')}
          finished={touched.citizenId}
          onBlur={() => setTouched((old) => ({ ...old, citizenId: values.citizenId.trim() !== '' }))}
          currentYear={currentYear}
        />
      </div>

      <div className={`field${nameMessage ? ' field-invalid' : ''}`}>
        <label htmlFor={nameId}>{t('field.fullName')}</label>
        <input
          id={nameId}
          name="fullName"
          autoComplete="off"
          autoCapitalize="words"
          maxLength={120}
          required
          value={values.fullName}
          aria-invalid={Boolean(nameMessage)}
          aria-describedby={`${nameId}-hint`}
          onChange={(event) => set('fullName')(event.target.value)}
          onBlur={() => setTouched((old) => ({ ...old, fullName: values.fullName.trim() !== '' }))}
        />
        <p id={`${nameId}-hint`} className="hint hint-invalid" aria-live="polite">
          {nameMessage}
        </p>
      </div>

      <button type="submit" className="primary" disabled={busy}>
        {editing ? t('resubmit') : t('submit')}
      </button>
      {editing && (
        <button type="button" className="secondary" onClick={onCancelEdit}>
          {t('cancelEdit')}
        </button>
      )}
    </form>
  );
}

/** A choice as a native select: the phone's own picker, large and thumb-friendly. */
function SelectField({
  label,
  name,
  value,
  onChange,
  options,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; text: string }[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}
