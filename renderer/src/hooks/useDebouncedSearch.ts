// A search box that filters as one types: the text shows at once, the filter follows after a pause; "/" focuses it.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useSearchShortcut } from './useSearchShortcut';

export interface DebouncedSearch {
  inputRef: RefObject<HTMLInputElement | null>;
  text: string;
  /** show `value` now, hand it to the filter after `delayMs` (0: at once) */
  search(value: string, delayMs?: number): void;
  /** empty the box without handing anything over (the caller clears its filters itself) */
  clear(): void;
}

export function useDebouncedSearch(initial: string, commit: (value: string) => void, pauseMs: number): DebouncedSearch {
  const inputRef = useRef<HTMLInputElement>(null);
  useSearchShortcut(inputRef);
  const [text, setText] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    inputRef,
    text,
    search(value, delayMs = pauseMs) {
      setText(value);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(value), delayMs);
    },
    clear() {
      clearTimeout(timer.current);
      setText('');
    },
  };
}
