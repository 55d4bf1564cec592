// A link to a file's page on VirusTotal. In the demo the answers come from a simulated VirusTotal on this machine
// and the real virustotal.com has no such page: the link says so instead of leading there.
import type { ReactNode } from 'react';
import { DEMO_LINK_TITLE } from '../../../shared/liveWords';
import { useEngine } from '../store/StoreProvider';

interface VtLinkProps {
  href: string;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  tabIndex?: number;
  /** a short note where room is scarce (a table cell) */
  compact?: boolean;
}

export function VtLink({ href, children, className, compact = false, ...rest }: VtLinkProps) {
  const info = useEngine((s) => s.info);
  if (info === null) return <span className="muted">{children}</span>; // not known yet whether this is the demo
  if (info.demo) {
    return (
      <span className="demo-link" title={DEMO_LINK_TITLE}>
        {compact ? 'demo: no page' : 'demo: no real VirusTotal page'}
      </span>
    );
  }
  return (
    <a href={href} target="_blank" rel="noreferrer" className={className} {...rest}>
      {children}
    </a>
  );
}
