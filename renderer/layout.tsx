import { Alert, Layout, Select, Spin, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { SideNav } from './components/side-nav.js';
import { LocationNotice, LockNotice } from './components/workspace-notices.js';
import { usePeriodContext } from './period.js';
import { BOARD_PATH, SCREENS } from './routes.js';
import { expireStartBoard } from './start.js';

const { Sider, Header, Content } = Layout;

/** The app's frame: side navigation in the order of a period's work, the current period on top. */
export function AppLayout() {
  const { overview, periods, open, error, lock, takeOver, refresh } = usePeriodContext();
  const location = useLocation();
  const navigate = useNavigate();
  const current = location.pathname.split('/')[1] ?? '';
  const screen = SCREENS.find((s) => s.path === current);
  // Below the `lg` breakpoint (a narrow window) the side bar shows the steps' icons only.
  const [collapsed, setCollapsed] = useState(false);

  useEffect(() => {
    document.title = screen ? `${screen.label} — Tổng hợp CCHC` : 'Tổng hợp CCHC';
    if (screen && screen.path !== BOARD_PATH) expireStartBoard();
  }, [screen]);

  if (overview === undefined && !error) {
    return (
      <div className="boot" role="status">
        <Spin /> <span>Đang mở…</span>
      </div>
    );
  }
  if (screen?.needsPeriod && !overview) return <Navigate to="/ky-bao-cao" replace />;

  return (
    <Layout className="app">
      <Sider
        width={212}
        className="app-sider"
        theme="light"
        breakpoint="lg"
        collapsedWidth={64}
        onBreakpoint={setCollapsed}
      >
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            CCHC
          </span>
          <span className="brand-name">Tổng hợp CCHC</span>
        </div>
        <nav aria-label="Các bước của kỳ báo cáo">
          <SideNav
            items={SCREENS.map((s) => ({
              key: s.path,
              icon: s.icon,
              label: s.label,
              disabled: s.needsPeriod && !overview,
            }))}
            selected={current}
            collapsed={collapsed}
            onOpen={(key) => navigate(`/${key}`)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <div className="period-bar">
            <label className="period-pick">
              <span className="period-pick-label">Kỳ báo cáo</span>
              <Select
                aria-label="Kỳ báo cáo đang làm"
                className="period-select"
                value={overview?.period.code}
                placeholder="Chưa mở kỳ báo cáo nào"
                onChange={(code: string) => void open(code)}
                options={periods.map((p) => ({ value: p.code, label: `${p.shortTitle} (${p.code})` }))}
                popupMatchSelectWidth={false}
              />
            </label>
            {overview && (
              <Typography.Text className="period-facts" type="secondary">
                {overview.deadlineText} · {overview.receivedText}
              </Typography.Text>
            )}
          </div>
        </Header>
        {overview?.reminder && <Alert className="reminder" type="warning" showIcon title={overview.reminder} banner />}
        {lock ? (
          <LockNotice lock={lock} onRetry={() => void open(lock.period)} onTakeOver={takeOver} />
        ) : (
          error && <Alert className="reminder" type="error" showIcon title={error} banner />
        )}
        <LocationNotice onMoved={refresh} />
        <Content className="app-content">
          <Suspense
            fallback={
              <div className="screen-loading" role="status">
                <Spin /> Đang tải…
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
