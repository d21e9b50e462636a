// The kiosk app's entry: one store, one connection to the counter service, one flow.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KioskApp } from './app';
import { KioskContext } from './context';
import { createFlow } from './flow';
import { connectToService } from './service-client';
import { createKioskStore } from './store';
import './kiosk.css';

const store = createKioskStore();
const flow = createFlow(connectToService(), store);
flow.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <KioskContext.Provider value={{ store, flow }}>
      <KioskApp />
    </KioskContext.Provider>
  </StrictMode>,
);
