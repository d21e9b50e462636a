// The clerk desk's entry: one store, one flow, the pairing page until the service says this desk is paired. Served
// by the hall under /desk/, the same screens work the site's queue, kiosks and mirrors through the hall instead.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClerkApp, DeskContext } from './app';
import { createDeskFlow } from './desk-flow';
import { createDeskStore } from './store';
import { HallClerkApp, HallDeskContext } from './hall-desk';
import { createHallDesk } from './hall-flow';
import './clerk.css';

const root = createRoot(document.getElementById('root')!);
if (location.pathname.startsWith('/desk/')) {
  const hall = createHallDesk();
  void hall.start();
  root.render(
    <StrictMode>
      <HallDeskContext.Provider value={hall}>
        <HallClerkApp />
      </HallDeskContext.Provider>
    </StrictMode>,
  );
} else {
  const store = createDeskStore();
  const flow = createDeskFlow(store);
  void flow.start();
  root.render(
    <StrictMode>
      <DeskContext.Provider value={{ store, flow }}>
        <ClerkApp />
      </DeskContext.Provider>
    </StrictMode>,
  );
}
