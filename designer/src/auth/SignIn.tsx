import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../common/LanguageToggle';
import { useStore } from '../store';
import { tokenIn } from './token';

export function SignIn() {
  const { t } = useTranslation();
  const authError = useStore((s) => s.authError);
  const signIn = useStore((s) => s.signIn);
  const [text, setText] = useState('');
  const token = tokenIn(text);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token) signIn(token);
  };

  return (
    <main className="signin">
      <form className="signin-card" onSubmit={submit} data-testid="signin-form">
        <div className="signin-head">
          <h1>{t('signIn.title')}</h1>
          <LanguageToggle />
        </div>
        <p className="muted">{t('signIn.help')}</p>
        {authError === 'rejected' && (
          <p className="notice notice-error" role="alert">
            {t('signIn.rejected')}
          </p>
        )}
        <label className="field">
          <span>{t('signIn.token')}</span>
          <input type="password" autoComplete="off" autoFocus value={text} onChange={(e) => setText(e.target.value)} data-testid="signin-token" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!token} data-testid="signin-submit">
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
