import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureApi } from './api/http';
import { App } from './App';
import { takeTokenFromUrl } from './auth/token';
import { currentLocale } from './i18n';
import { useStore } from './store';

const fromUrl = takeTokenFromUrl();
if (fromUrl) useStore.getState().signIn(fromUrl);

configureApi({
  token: () => useStore.getState().token,
  locale: currentLocale,
  unauthorized: () => useStore.getState().signOut('rejected'),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
