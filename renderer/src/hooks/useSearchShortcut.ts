// `/` focuses the search box of the view on screen. Each view registers its box; the App's key handler asks.
// On a view without one, the App goes to Live and the box is focused as soon as it registers.
import { useEffect, type RefObject } from 'react';

let current: RefObject<HTMLInputElement | null> | null = null;
let focusWhenRegistered = false;

function focusInput(input: HTMLInputElement): void {
  input.focus();
  input.select();
}

export function useSearchShortcut(ref: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    current = ref;
    if (focusWhenRegistered && ref.current) {
      focusWhenRegistered = false;
      focusInput(ref.current);
    }
    return () => {
      if (current === ref) current = null;
    };
  }, [ref]);
}

/** Focus the registered search box; false when the view on screen has none (the next one to register gets it). */
export function focusSearch(): boolean {
  const input = current?.current;
  if (!input) {
    focusWhenRegistered = true;
    return false;
  }
  focusInput(input);
  return true;
}
