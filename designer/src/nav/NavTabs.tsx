import { useTranslation } from 'react-i18next';
import { useStore } from '../store';
import { sections, type View } from './route';

/** The sections: journeys (list or the open journey), then the workspace's sections in their order (nav/route.ts). */
export function NavTabs({ view }: { view: View }) {
  const { t } = useTranslation();
  // Back to the open journey's own address, so a reload there reopens it.
  const openId = useStore((s) => (s.meta && !s.isNew ? s.meta.id : null));
  const tabs: { id: View; href: string }[] = [
    { id: 'journeys', href: openId ? `#/journeys/${encodeURIComponent(openId)}` : '#/journeys' },
    ...sections.map((id) => ({ id, href: `#/${id}` })),
  ];
  return (
    <nav className="nav-tabs" aria-label={t('nav.label')}>
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={tab.href}
          className={`nav-tab ${view === tab.id ? 'is-current' : ''}`}
          aria-current={view === tab.id ? 'page' : undefined}
          data-testid={`nav-${tab.id}`}
        >
          {t(`nav.${tab.id}`)}
        </a>
      ))}
    </nav>
  );
}
