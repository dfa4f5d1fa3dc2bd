import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setToken, useCodeRedeem } from './token.ts';
import './signIn.css';

/**
 * The sign-in form: a field officer scans the QR code the command centre printed (its sign-in
 * code is redeemed on the way in: token.ts); a screen or a partner pastes a token.
 */
export function SignIn({ refused = false }: { refused?: boolean }) {
  const { t } = useTranslation();
  const redeem = useCodeRedeem();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) setToken(value);
  };
  return (
    <form className="sign-in" onSubmit={submit} aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('signIn.title')}</h2>
      {redeem.state === 'redeeming' && <p role="status">{t('signIn.redeeming')}</p>}
      {redeem.state === 'refused' && <p role="alert">{redeem.message}</p>}
      {refused && redeem.state === 'none' && <p role="alert">{t('signIn.refused')}</p>}
      <p className="scan">{t('signIn.scan')}</p>
      <label htmlFor="token">{t('signIn.token')}</label>
      <input
        id="token"
        name="token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <p className="hint">{t('signIn.hint')}</p>
      <button type="submit">{t('signIn.submit')}</button>
    </form>
  );
}
