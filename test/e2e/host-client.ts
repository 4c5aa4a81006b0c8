// Runs in the page, before the app: defines `window.tonghop` exactly as the Electron preload
// does (the same bindApi over API_METHODS), with HTTP POST /api as the transport.
import type { AppApi } from '../../shared-api/app-api.js';
import { bindApi } from '../../shared-api/bind.js';

// As the preload: the window's first question (startView) is asked at once.
const api = bindApi(
  async (method, arg) => {
    const response = await fetch('/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, arg }),
    });
    return (await response.json()) as unknown;
  },
  { ahead: ['startView'] },
) satisfies AppApi;

Object.defineProperty(window, 'tonghop', { value: api, writable: false, configurable: false, enumerable: true });
