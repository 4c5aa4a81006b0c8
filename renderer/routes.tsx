import {
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FileExcelOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  HistoryOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { lazy, useState, type ComponentType, type ReactNode } from 'react';

/**
 * A screen whose code loads on first use — or ahead, when the app knows it comes first. Once
 * loaded, a newly shown screen renders at once instead of suspending: a Suspense boundary that
 * showed its fallback reveals its content only after a throttle (about 300 ms in React), which
 * the first screen would otherwise always pay. An instance keeps the way it was first rendered,
 * so it never remounts (and loses its state) when the code arrives.
 */
function onDemand(load: () => Promise<{ default: ComponentType }>): { component: ComponentType; preload(): void } {
  let loaded: ComponentType | undefined;
  const fetchCode = () =>
    load().then((m) => {
      loaded = m.default;
      return m;
    });
  const Lazy = lazy(fetchCode);
  function Screen() {
    const [Direct] = useState(() => loaded);
    return Direct ? <Direct /> : <Lazy />;
  }
  return { component: Screen, preload: () => void fetchCode() };
}

const periods = onDemand(() => import('./screens/periods.js'));
const board = onDemand(() => import('./screens/board.js'));

/** Start loading the first start's screen at once, alongside the first calls to the engine. */
export function prefetchFirstScreen(): void {
  periods.preload();
}

/** With a period open the app shows the board: its code loads while the period is read. */
export function prefetchBoard(): void {
  board.preload();
}

/** The board's route ("Theo dõi"), where the app starts with a period open. */
export const BOARD_PATH = 'theo-doi';

/** A screen of the app: its route, its place in the side navigation, its component. */
export interface ScreenDef {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only with a period open. */
  needsPeriod: boolean;
  component: ComponentType;
}

/**
 * The screens in the order of a period's work. Each is its own chunk, loaded when first
 * opened, so the first screen shows at once. The text checker ("Kiểm tra văn bản") follows
 * the report: a clerk checks the draft edited in Word before it is signed.
 */
export const SCREENS: readonly ScreenDef[] = [
  {
    path: 'ky-bao-cao',
    label: 'Kỳ báo cáo',
    icon: <CalendarOutlined aria-hidden="true" />,
    needsPeriod: false,
    component: periods.component,
  },
  {
    path: 'bieu-mau',
    label: 'Biểu mẫu',
    icon: <FileExcelOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/templates.js')),
  },
  {
    path: 'tiep-nhan',
    label: 'Tiếp nhận',
    icon: <InboxOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/intake.js')),
  },
  {
    path: BOARD_PATH,
    label: 'Theo dõi',
    icon: <TableOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: board.component,
  },
  {
    path: 'doi-chieu',
    label: 'Đối chiếu',
    icon: <FileSearchOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/findings.js')),
  },
  {
    path: 'so-lieu',
    label: 'Số liệu',
    icon: <BarChartOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/numbers.js')),
  },
  {
    path: 'bao-cao',
    label: 'Báo cáo',
    icon: <FileDoneOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/report.js')),
  },
  {
    path: 'kiem-tra-van-ban',
    label: 'Kiểm tra văn bản',
    icon: <FileTextOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/text-check.js')),
  },
  {
    path: 'ky-so',
    label: 'Ký số',
    icon: <SafetyCertificateOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/signing.js')),
  },
  {
    path: 'phieu-kiem-tra',
    label: 'Phiếu kiểm tra',
    icon: <CheckSquareOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/checklists.js')),
  },
  {
    path: 'nhat-ky',
    label: 'Nhật ký',
    icon: <HistoryOutlined aria-hidden="true" />,
    needsPeriod: true,
    component: lazy(() => import('./screens/audit.js')),
  },
  {
    path: 'cai-dat',
    label: 'Cài đặt',
    icon: <SettingOutlined aria-hidden="true" />,
    needsPeriod: false,
    component: lazy(() => import('./screens/settings.js')),
  },
];
