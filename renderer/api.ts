import type { AppApi } from '../shared-api/app-api.js';

declare global {
  interface Window {
    /** The app's API, exposed by the Electron preload (or by the browser test host). */
    readonly tonghop: AppApi;
  }
}

/** The app's API. The renderer talks to nothing else. */
export function api(): AppApi {
  const bound = window.tonghop as AppApi | undefined;
  if (!bound) throw new Error('Không kết nối được với ứng dụng: hãy mở giao diện này từ ứng dụng Tổng hợp CCHC.');
  return bound;
}
