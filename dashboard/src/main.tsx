import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/context.ts';
import { embeddedSource, httpSource } from './api/source.ts';
import { App } from './App.tsx';
import './styles.css';

// The HTML report embeds the API's answers in a JSON script element; the served app asks the API.
const embedded = document.getElementById('report-data');
const source = embedded?.textContent ? embeddedSource(JSON.parse(embedded.textContent) as Record<string, unknown>) : httpSource();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={source}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
