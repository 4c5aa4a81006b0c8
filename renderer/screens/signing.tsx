import { Alert, Button, Card, Checkbox, Descriptions, Input, Modal, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CertificateView, VerifyView } from '../../shared-api/app-api.js';
import { api, messageOf, outcomeOf } from '../api.js';
import { JobProgress } from '../components/job-progress.js';
import { Page } from '../components/page.js';
import { useJob, useLoad } from '../hooks.js';
import { usePeriodCode } from '../period.js';

function Verify() {
  const [result, setResult] = useState<VerifyView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    const [path] = await api().chooseFiles({ kind: 'pdf', title: 'Chọn tệp PDF cần kiểm tra chữ ký' });
    if (!path) return;
    setError(null);
    try {
      setResult(await api().verifySignature({ path }));
    } catch (e) {
      setResult(null);
      setError(messageOf(e));
    }
  };
  return (
    <Card size="small" title="Kiểm tra chữ ký" className="verify">
      <Button onClick={() => void check()}>Chọn tệp PDF để kiểm tra…</Button>
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <div className="verify-result" data-testid="verify-result">
          <Alert type={result.ok ? 'success' : result.signed ? 'error' : 'warning'} showIcon title={result.verdict} />
          {result.signatures.map((s, i) => (
            <Descriptions key={i} size="small" column={1} bordered className="sig">
              <Descriptions.Item label="Người ký">{s.signer}</Descriptions.Item>
              <Descriptions.Item label="Chứng thư">{s.subject}</Descriptions.Item>
              <Descriptions.Item label="Thời điểm ký">{s.timeLabel}</Descriptions.Item>
              <Descriptions.Item label="Nội dung còn nguyên vẹn">{s.intact ? 'Có' : 'Không'}</Descriptions.Item>
              <Descriptions.Item label="Chữ ký bao trùm toàn bộ tệp">
                {s.coversWhole ? 'Có' : 'Không'}
              </Descriptions.Item>
              {s.problems.length > 0 && <Descriptions.Item label="Vấn đề">{s.problems.join(' ')}</Descriptions.Item>}
            </Descriptions>
          ))}
        </div>
      )}
    </Card>
  );
}

/** "Ký số": choose a .p12, type its password (never stored), preview the stamp, sign; verify any PDF. */
export default function SigningScreen() {
  const period = usePeriodCode();
  const [draft] = useLoad(() => api().getReportDraft({ period }), [period]);
  const [p12, setP12] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [cert, setCert] = useState<CertificateView | null>(null);
  const [certError, setCertError] = useState<string | null>(null);
  const [confirmGaps, setConfirmGaps] = useState(false);
  const [gapsAccepted, setGapsAccepted] = useState(false);
  const job = useJob(period, 'sign');
  const d = draft.state === 'ready' ? draft.value : null;
  const outcome = job.status?.state === 'done' ? outcomeOf(job.status, 'sign') : null;

  const chooseP12 = async () => {
    const [path] = await api().chooseFiles({ kind: 'p12', title: 'Chọn tệp chứng thư số (.p12, .pfx)' });
    if (path) {
      setP12(path);
      setCert(null);
    }
  };
  const openCert = async () => {
    if (!p12) return;
    setCertError(null);
    try {
      setCert(await api().inspectCertificate({ path: p12, password }));
    } catch (e) {
      setCert(null);
      setCertError(messageOf(e));
    }
  };
  const sign = async (acceptGaps: boolean) => {
    if (!p12) return;
    const outPath = await api().chooseSavePath({
      kind: 'pdf',
      title: 'Lưu báo cáo đã ký',
      defaultName: `BaoCao_${period}_da_ky.pdf`,
    });
    if (!outPath) return;
    const s = await job.run(() => api().startSign({ period, p12Path: p12, password, outPath, acceptGaps }));
    // The password served this signature only.
    setPassword('');
    if (s?.state === 'done') setCert(null);
  };
  const start = () => {
    if (d && d.gaps.length > 0) {
      setGapsAccepted(false);
      setConfirmGaps(true);
    } else void sign(false);
  };

  return (
    <Page
      title="Ký số"
      intro="Ký báo cáo bằng chứng thư số của người ký. Mật khẩu chỉ dùng cho lần ký này, không được lưu."
    >
      {d && d.openErrors.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={`Còn ${d.openErrors.length} lỗi chưa xử lý: chưa thể ký báo cáo.`}
          description={
            <>
              <ul className="error-list">
                {d.openErrors.slice(0, 8).map((e) => (
                  <li key={e.id}>{e.message}</li>
                ))}
              </ul>
              <Link to="/doi-chieu">Xử lý ở màn hình Đối chiếu</Link>
            </>
          }
        />
      )}
      <div className="sign-grid">
        <Card size="small" title="Ký báo cáo">
          <Space direction="vertical" className="full">
            <label className="field">
              <span>Tệp chứng thư số</span>
              <Space.Compact className="folder-row">
                <Input readOnly value={p12 ?? ''} placeholder="Chưa chọn tệp .p12" aria-label="Tệp chứng thư số" />
                <Button onClick={() => void chooseP12()}>Chọn tệp…</Button>
              </Space.Compact>
            </label>
            <label className="field">
              <span>Mật khẩu chứng thư số</span>
              <Input.Password
                aria-label="Mật khẩu chứng thư số"
                value={password}
                autoComplete="off"
                onChange={(e) => setPassword(e.target.value)}
                onPressEnter={() => void openCert()}
              />
            </label>
            <Button onClick={() => void openCert()} disabled={!p12}>
              Xem dấu chữ ký
            </Button>
            {certError && <Alert type="error" showIcon title={certError} role="alert" />}
            {cert && (
              <div className="stamp-preview" aria-label="Dấu chữ ký sẽ in trên báo cáo">
                {cert.stampLines.map((l) => (
                  <div key={l}>{l}</div>
                ))}
                <div className="muted">
                  Hiệu lực: {cert.validFromLabel} – {cert.validToLabel}
                </div>
              </div>
            )}
            {cert?.warnings.map((w) => (
              <Alert key={w} type="warning" showIcon title={w} />
            ))}
            <Button type="primary" disabled={!cert || job.running || (d?.openErrors.length ?? 0) > 0} onClick={start}>
              Ký và lưu báo cáo…
            </Button>
            <JobProgress job={job} label="Tiến độ ký số" />
            {outcome && (
              <Result
                status="success"
                title={outcome.message}
                extra={<Button onClick={() => void api().openPath(outcome.path)}>Mở báo cáo đã ký</Button>}
              />
            )}
          </Space>
        </Card>
        <Verify />
      </div>
      <Modal
        open={confirmGaps}
        title="Báo cáo còn chỗ thiếu số liệu"
        okText="Vẫn ký"
        cancelText="Quay lại"
        okButtonProps={{ disabled: !gapsAccepted, danger: true }}
        onOk={() => {
          setConfirmGaps(false);
          void sign(true);
        }}
        onCancel={() => setConfirmGaps(false)}
      >
        <Typography.Paragraph>Các chỗ sau sẽ in là “[thiếu số liệu …]” trong báo cáo đã ký:</Typography.Paragraph>
        <ul className="gap-list">
          {d?.gaps.map((g, i) => (
            <li key={i}>{g}</li>
          ))}
        </ul>
        <Checkbox checked={gapsAccepted} onChange={(e) => setGapsAccepted(e.target.checked)}>
          Tôi đã đọc và đồng ý ký báo cáo có các chỗ thiếu số liệu này
        </Checkbox>
      </Modal>
    </Page>
  );
}
