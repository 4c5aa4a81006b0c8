import { useState } from 'react';
import { api } from './api.js';
import { ConsolidationScreen } from './consolidation-screen.js';
import { HomeScreen } from './home-screen.js';
import { PeriodsScreen } from './periods-screen.js';
import { SettingsScreen } from './settings-screen.js';
import { useApiValue } from './use-api-value.js';

type Screen = 'home' | 'consolidation' | 'periods' | 'settings';

const SCREENS: ReadonlyArray<{ id: Screen; label: string }> = [
  { id: 'home', label: 'Trang chủ' },
  { id: 'consolidation', label: 'Tổng hợp' },
  { id: 'periods', label: 'Kỳ báo cáo' },
  { id: 'settings', label: 'Cài đặt' },
];

/** The app shell: title bar, navigation, and the current screen. */
export function App() {
  const [screen, setScreen] = useState<Screen>('home');
  const [info] = useApiValue(() => api().appInfo());

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>Tổng hợp CCHC</h1>
          <p className="app-subtitle">Tổng hợp, đối chiếu báo cáo cải cách hành chính</p>
        </div>
        <nav aria-label="Chức năng chính" className="app-nav">
          {SCREENS.map((s) => (
            <button
              key={s.id}
              type="button"
              className="nav-button"
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => setScreen(s.id)}
            >
              {s.label}
            </button>
          ))}
        </nav>
      </header>
      <main className="app-main">
        {screen === 'home' && <HomeScreen info={info} onStart={() => setScreen('consolidation')} />}
        {screen === 'consolidation' && <ConsolidationScreen />}
        {screen === 'periods' && <PeriodsScreen />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      <footer className="app-footer">
        {info.state === 'ready' ? `${info.value.productName} — phiên bản ${info.value.version}` : 'Tổng hợp CCHC'}
      </footer>
    </div>
  );
}
