import { useEffect, useRef, useState } from 'react';

/** The height an element may take down to the bottom of the window (for virtual tables). */
export function useFillHeight(min = 240, bottom = 24): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [h, setH] = useState(min);
  useEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setH(Math.max(min, Math.floor(window.innerHeight - top - bottom)));
    };
    measure();
    window.addEventListener('resize', measure);
    const t = setTimeout(measure, 50);
    return () => {
      window.removeEventListener('resize', measure);
      clearTimeout(t);
    };
  }, [min, bottom]);
  return [ref, h];
}
