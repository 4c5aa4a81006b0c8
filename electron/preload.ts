// Compiled to a self-contained CommonJS file (build/electron/preload.cjs): a sandboxed preload
// can require only 'electron' and cannot load ES modules.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, apiChannel, type AppApi } from '../shared-api/app-api.js';
import { bindApi } from '../shared-api/bind.js';

// One function per name of API_METHODS, each invoking its own `api:<name>` channel;
// no generic invoke, send or on is exposed.
// The window's first question (startView) is asked at once, before the page's scripts load.
const api = bindApi(
  (method, arg) => {
    if (!API_METHODS.includes(method)) return Promise.reject(new Error(`Không có chức năng "${method}".`));
    return ipcRenderer.invoke(apiChannel(method), arg);
  },
  { ahead: ['startView'] },
) satisfies AppApi;

contextBridge.exposeInMainWorld('tonghop', api);
