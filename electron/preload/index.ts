// The sandboxed preload: exposes exactly the BridgeApi as window.fimVerdict (built in bridge.ts) and nothing
// else. Bundled to CommonJS; imports only 'electron' and code without dependencies (no zod: see methods.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld('fimVerdict', buildBridge(ipcRenderer));
