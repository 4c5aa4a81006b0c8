import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/antd.css';
import { App } from './app.js';
import { installCspStyles } from './csp-styles.js';
import { prefetchFirstScreen } from './routes.js';
import './styles.css';

dayjs.locale('vi');
installCspStyles();
prefetchFirstScreen();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
