import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setToken } from './token.ts';
import './signIn.css';

/** The sign-in form: one field for the token the command centre gave (`pnpm -s token` prints it). */
export function SignIn({ refused = false }: { refused?: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) setToken(value);
  };
  return (
    <form className="sign-in" onSubmit={submit} aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('signIn.title')}</h2>
      {refused && <p role="alert">{t('signIn.refused')}</p>}
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
