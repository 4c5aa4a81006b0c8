import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** One entry of the side navigation. */
export interface SideNavItem {
  key: string;
  label: string;
  icon: ReactNode;
  disabled: boolean;
}

/**
 * The side navigation: a vertical menu of the period's steps, in the WAI-ARIA menu pattern —
 * one tab stop (the current step), arrows, Home and End to move, Enter or Space to open, a
 * disabled step reachable but not opened. It draws the look of the library's inline menu with
 * plain elements: the library's menu (with a tooltip and an overflow measure per item) took
 * ~0.1 s of the window's first screen on a 2-core PC (measured in issue #14). Collapsed (a
 * narrow window), only the icons show; the step's name stays its accessible name and its title.
 */
export function SideNav(props: {
  items: readonly SideNavItem[];
  selected: string;
  collapsed: boolean;
  onOpen: (key: string) => void;
}) {
  const { items, selected, collapsed, onOpen } = props;
  const refs = useRef<Array<HTMLLIElement | null>>([]);
  const selectedIndex = items.findIndex((i) => i.key === selected);
  // The item that takes the focus from Tab: the one last moved to while this step was open,
  // else the open step (another step opened, by the menu or not, moves the tab stop to it).
  const [moved, setMoved] = useState<{ index: number; selected: string } | null>(null);
  const tabStop = moved?.selected === selected ? moved.index : Math.max(0, selectedIndex);
  const setFocusIndex = (index: number) => setMoved({ index, selected });

  const move = (to: number) => {
    const n = items.length;
    const i = ((to % n) + n) % n;
    setFocusIndex(i);
    refs.current[i]?.focus();
  };
  const open = (item: SideNavItem) => {
    if (!item.disabled) onOpen(item.key);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, index: number) => {
    const item = items[index];
    if (!item) return;
    switch (e.key) {
      case 'ArrowDown':
        move(index + 1);
        break;
      case 'ArrowUp':
        move(index - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'Enter':
      case ' ':
        open(item);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <ul role="menu" aria-orientation="vertical" className={collapsed ? 'side-nav side-nav-collapsed' : 'side-nav'}>
      {items.map((item, index) => (
        <li
          key={item.key}
          ref={(el) => {
            refs.current[index] = el;
          }}
          role="menuitem"
          aria-label={item.label}
          aria-disabled={item.disabled || undefined}
          aria-current={item.key === selected ? 'page' : undefined}
          title={collapsed ? item.label : undefined}
          tabIndex={index === tabStop ? 0 : -1}
          className={[
            'side-nav-item',
            item.key === selected ? 'side-nav-item-selected' : '',
            item.disabled ? 'side-nav-item-disabled' : '',
          ]
            .filter(Boolean)
            .join(' ')}
          onClick={() => {
            setFocusIndex(index);
            open(item);
          }}
          onFocus={() => setFocusIndex(index)}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          <span className="side-nav-icon" aria-hidden="true">
            {item.icon}
          </span>
          <span className="side-nav-label">{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
