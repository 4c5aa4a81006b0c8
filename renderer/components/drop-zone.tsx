import { useState, type ComponentType, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';

export interface DropZoneProps {
  /** What the zone is for and how to use it by keyboard, read by a screen reader. */
  label: string;
  /** The large icon (an @ant-design/icons component; hidden from screen readers). */
  icon: ComponentType<{ className?: string; 'aria-hidden'?: boolean | 'true' }>;
  /** The line in bold: what to drop here. */
  title: ReactNode;
  /** The line below it: the kinds of file taken. */
  hint: ReactNode;
  /** While the screen's job runs: drops and choosing are ignored, and the zone says so (aria-disabled). */
  disabled: boolean;
  /** What was dropped, as the browser hands it to the page. */
  onDrop: (data: DataTransfer) => void | Promise<void>;
  /** Choose files instead (the desktop file dialog): Enter or Space on the zone, or a click when `chooseOnClick`. */
  onChoose: () => void | Promise<void>;
  chooseOnClick?: boolean;
  /** Classes added to `drop-zone` (layout of the screen). */
  className?: string;
  testId: string;
}

/**
 * The zone a clerk drops files on (Tiếp nhận, Kiểm tra văn bản): outlined while something is
 * dragged over it, a button for the keyboard (Enter or Space chooses files instead).
 */
export function DropZone(props: DropZoneProps) {
  const { disabled, onDrop, onChoose, icon: Icon } = props;
  const [over, setOver] = useState(false);
  const choose = () => {
    if (!disabled) void onChoose();
  };
  const classes = ['drop-zone', props.className, over ? 'drop-over' : undefined].filter(Boolean).join(' ');
  return (
    <div
      className={classes}
      role="button"
      tabIndex={0}
      aria-label={props.label}
      aria-disabled={disabled}
      onDragOver={(e: DragEvent) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) void onDrop(e.dataTransfer);
      }}
      onKeyDown={(e: KeyboardEvent) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose();
        }
      }}
      onClick={props.chooseOnClick ? choose : undefined}
      data-testid={props.testId}
    >
      <Icon className="drop-icon" aria-hidden="true" />
      <div className="drop-title">{props.title}</div>
      <div className="muted">{props.hint}</div>
    </div>
  );
}
