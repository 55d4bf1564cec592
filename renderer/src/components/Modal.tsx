// A native modal <dialog>: focus is trapped, Esc closes it, focus returns to where it was.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

export function Modal({ title, open, onClose, children, className }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={`modal ${className ?? ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => {
        // a click on the backdrop (the dialog element itself, outside its content) closes it
        if (e.target === ref.current) onClose();
      }}
    >
      {open ? (
        <div className="modal__content">
          <header className="modal__header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button button--ghost" onClick={onClose} aria-label={`Close ${title}`}>
              Close
            </button>
          </header>
          <div className="modal__body">{children}</div>
        </div>
      ) : null}
    </dialog>
  );
}
