import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import { App } from './app.js';
import { installCspStyles } from './csp-styles.js';
import { prefetchBoard, prefetchFirstScreen } from './routes.js';
import { startCalls } from './start.js';
import './styles.css';

dayjs.locale('vi');
installCspStyles();
// The first screen's code: the board when a period is open (the app starts on it), else the periods.
const start = startCalls();
if (start) start.overview.promise.then((o) => (o ? prefetchBoard() : prefetchFirstScreen()), prefetchFirstScreen);
else prefetchFirstScreen();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
