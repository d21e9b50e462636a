// The clerk desk's entry: one store, one flow, the pairing page until the service says this desk is paired.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClerkApp, DeskContext } from './app';
import { createDeskFlow } from './desk-flow';
import { createDeskStore } from './store';
import './clerk.css';

const store = createDeskStore();
const flow = createDeskFlow(store);
void flow.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskContext.Provider value={{ store, flow }}>
      <ClerkApp />
    </DeskContext.Provider>
  </StrictMode>,
);
