import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import { AppLayout } from './layout.js';
import { PeriodProvider, usePeriodContext } from './period.js';
import { BOARD_PATH, SCREENS } from './routes.js';

function Home() {
  const { overview } = usePeriodContext();
  return <Navigate to={overview ? `/${BOARD_PATH}` : '/ky-bao-cao'} replace />;
}

// A hash router: the page is one file, served from a custom protocol (or file://) in the desktop app.
const router = createHashRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      ...SCREENS.map((s) => ({ path: `${s.path}/*`, Component: s.component })),
      { path: '*', element: <Home /> },
    ],
  },
]);

/** The app: Vietnamese locale, the theme, the open period, and the routed screens. */
export function App() {
  return (
    <ConfigProvider
      locale={viVN}
      theme={{
        zeroRuntime: true,
        token: { colorPrimary: '#1d4f91', borderRadius: 6, fontSize: 14 },
      }}
    >
      <AntApp>
        <PeriodProvider>
          <RouterProvider router={router} />
        </PeriodProvider>
      </AntApp>
    </ConfigProvider>
  );
}
