import type { ReactNode } from 'react';

/** One section of the settings page. */
export function Section({ id, title, help, children }: { id: string; title: string; help?: string; children: ReactNode }) {
  return (
    <section className="settings-section" data-testid={`settings-${id}`} aria-labelledby={`settings-${id}-title`}>
      <h2 id={`settings-${id}-title`}>{title}</h2>
      {help && <p className="muted small">{help}</p>}
      {children}
    </section>
  );
}
