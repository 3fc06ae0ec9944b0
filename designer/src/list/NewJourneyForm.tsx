import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createJourney } from '../editor/actions';

export function NewJourneyForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) createJourney(name);
  };
  return (
    <form className="card new-journey" onSubmit={submit}>
      <h2>{t('list.newTitle')}</h2>
      <div className="row">
        <label className="field grow">
          <span>{t('list.newName')}</span>
          <input value={name} maxLength={200} placeholder={t('list.newPlaceholder')} onChange={(e) => setName(e.target.value)} data-testid="new-journey-name" />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!name.trim()} data-testid="new-journey-create">
          {t('list.create')}
        </button>
      </div>
    </form>
  );
}
