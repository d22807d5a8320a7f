import { type RefObject, useEffect, useRef, useState } from "react";

/** The rendered width of an element, following resizes (charts draw in real pixels, not stretched). */
export const useElementWidth = <E extends HTMLElement>(fallback: number): [RefObject<E | null>, number] => {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
};
