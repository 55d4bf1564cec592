// A string that came from an alert or a remote answer, with every control character (a right-to-left override,
// a newline, an escape...) shown as a visible `\u202E` in its own style instead of acting on the text around it
// (a run of them in a row is one styled element, named in its tooltip).
import { memo } from 'react';
import { controlsName, escapeControls, splitControls } from '../../../shared/visibleText';

export const VisibleText = memo(function VisibleText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  const parts = splitControls(text);
  if (parts.length === 1 && parts[0].control === null) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        part.control === null ? (
          part.text
        ) : (
          <span key={i} className="ctl" title={controlsName(part.control)}>
            {part.text}
          </span>
        ),
      )}
    </>
  );
});

/** For attributes (title, aria-label) and <option>s, where no style can mark the escape. */
export const visible = (text: string | null | undefined): string => (text ? escapeControls(text) : '');
