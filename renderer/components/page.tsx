import { Spin, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * What Đối chiếu and Số liệu say while the period's consolidation is made: every return read
 * and reconciled (the first time after a start, unless the board already had it made).
 */
export const CONSOLIDATING =
  'Đang tổng hợp và đối chiếu số liệu của các đơn vị… Lần đầu mở sau khi khởi động ứng dụng, việc này có thể mất vài giây.';

/** A screen's heading, its one-line purpose and its actions. */
export function Page(props: {
  title: string;
  intro?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /**
   * The screen's data is still being read: say so instead of showing an empty page (the engine
   * may be busy with a long operation such as laying out a PDF).
   */
  loading?: boolean;
  /** What is being read, when the screen knows better than "Đang đọc số liệu…". */
  loadingText?: string;
}) {
  return (
    <section className={props.wide ? 'page page-wide' : 'page'} aria-labelledby="page-title">
      <header className="page-head">
        <div>
          <Typography.Title level={2} id="page-title" className="page-title">
            {props.title}
          </Typography.Title>
          {props.intro && <Typography.Paragraph className="page-intro">{props.intro}</Typography.Paragraph>}
        </div>
        {props.extra && <div className="page-extra">{props.extra}</div>}
      </header>
      {props.loading && (
        <div className="screen-loading" role="status">
          <Spin />{' '}
          {props.loadingText ??
            'Đang đọc số liệu… (nếu ứng dụng đang dựng PDF hoặc nhập tệp, việc này có thể mất vài giây)'}
        </div>
      )}
      {props.children}
    </section>
  );
}
