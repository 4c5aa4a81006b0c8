import type { AppInfo } from '../shared-api/app-api.js';
import { formatNumber } from '../core/numbers/index.js';
import type { Loaded } from './use-api-value.js';

const STEPS = [
  'Chọn kỳ báo cáo và thư mục làm việc của đợt tổng hợp.',
  'Nhận các biểu báo cáo Excel của đơn vị cấp sở, cấp huyện, cấp xã; bản gốc được lưu nguyên vẹn kèm mã kiểm tra.',
  'Kiểm tra, đối chiếu số liệu: mỗi sai lệch ghi rõ tệp, trang tính và ô để đơn vị giải trình.',
  'Tổng hợp số liệu theo từng cấp và toàn tỉnh, đánh giá mức đạt các mục tiêu của Nghị quyết.',
  'Lập báo cáo theo thể thức Nghị định 30/2020/NĐ-CP, xuất PDF và ký số.',
  'In phiếu kiểm tra cho từng đơn vị, gắn mã phiên bản số liệu để đoàn kiểm tra đối chiếu tại chỗ.',
];

/** What the app does, the way in (`onStart`: the "Tổng hợp" screen), and the form and register it works with. */
export function HomeScreen({ info, onStart }: { info: Loaded<AppInfo>; onStart: () => void }) {
  return (
    <section aria-labelledby="home-title" className="screen">
      <h2 id="home-title">Tổng hợp báo cáo cải cách hành chính của tỉnh</h2>
      <p className="lead">
        Ứng dụng dành cho Sở Nội vụ: nhận biểu báo cáo cải cách hành chính (CCHC) của khoảng 40 đơn vị, đối chiếu, tổng
        hợp thành báo cáo của tỉnh có ký số và in phiếu kiểm tra cho đoàn kiểm tra.
      </p>
      <ol className="steps">
        {STEPS.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <div className="actions home-actions">
        <button type="button" className="primary" onClick={onStart}>
          Bắt đầu tổng hợp
        </button>
        <span className="note">Có thể thử ngay với bộ báo cáo mẫu của 40 đơn vị.</span>
      </div>
      <div className="facts" aria-live="polite">
        {info.state === 'loading' && <p>Đang đọc biểu mẫu và danh sách đơn vị…</p>}
        {info.state === 'failed' && <p className="error">{info.message}</p>}
        {info.state === 'ready' && <Facts info={info.value} />}
      </div>
    </section>
  );
}

function Facts({ info }: { info: AppInfo }) {
  const f = info.form;
  return (
    <dl className="fact-list">
      <dt>Biểu mẫu</dt>
      <dd>
        {f.formId}, phiên bản {f.version}: {formatNumber(f.indicatorCount)} chỉ tiêu, {formatNumber(f.ratioCount)} tỷ
        lệ, {formatNumber(f.ruleCount)} quy tắc kiểm tra, {formatNumber(f.targetCount)} mục tiêu.
      </dd>
      <dt>Danh sách đơn vị</dt>
      <dd>
        {formatNumber(info.units.total)} đơn vị:{' '}
        {info.units.byTier.map((t) => `${t.label.toLowerCase()} ${formatNumber(t.count)}`).join('; ')}.
      </dd>
      <dt>Thư mục dữ liệu</dt>
      <dd className="path">{info.dataDir}</dd>
    </dl>
  );
}
