// The app's tables: a scrolling wrapper, an accessible name and the header row; the rows are the caller's.
import type { ReactNode } from 'react';

/** A column header: its text, or its text and a class (`num`: a right-aligned number). */
export type Column = string | { label: string; className: string };

export function DataTable({
  label,
  columns,
  wrapClassName = 'table-wrap',
  className,
  children,
}: {
  label: string;
  columns: Column[];
  /** null: no scrolling wrapper (a short table inside a card) */
  wrapClassName?: string | null;
  /** names the table for its column rules (which columns give way in a narrow window) */
  className?: string;
  children: ReactNode;
}) {
  const table = (
    <table className={`data-table${className ? ` ${className}` : ''}`} aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <th key={c} scope="col">
                {c}
              </th>
            ) : (
              <th key={c.label} scope="col" className={c.className}>
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return wrapClassName === null ? table : <div className={wrapClassName}>{table}</div>;
}
