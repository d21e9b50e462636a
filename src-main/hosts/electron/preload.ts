// Runs sandboxed before the kiosk page: exposes `window.kakanai` (the contract's KioskApi) and nothing of Electron.
// Bundled to CommonJS (dist/electron/preload.cjs): a sandboxed preload cannot be an ES module.
import { contextBridge, ipcRenderer } from 'electron';
import { kioskBridge } from './bridge';

contextBridge.exposeInMainWorld('kakanai', kioskBridge(ipcRenderer));
