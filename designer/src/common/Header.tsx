import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavTabs } from '../nav/NavTabs';
import type { View } from '../nav/route';
import { useStore } from '../store';
import { LanguageToggle } from './LanguageToggle';

/** The top bar: brand, the sections, the editor's toolbar when a journey is open, language and sign-out. */
export function Header({ view, children }: { view: View; children?: ReactNode }) {
  const { t } = useTranslation();
  const signOut = useStore((s) => s.signOut);
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          回
        </span>
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <NavTabs view={view} />
      <div className="header-main">{children}</div>
      <div className="header-end">
        <LanguageToggle />
        <button type="button" className="btn btn-ghost" onClick={() => signOut()} data-testid="sign-out">
          {t('signIn.signOut')}
        </button>
      </div>
    </header>
  );
}
