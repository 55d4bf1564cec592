// "3 untriaged" in the header: files with a malicious or suspicious verdict nobody has triaged yet, a link to
// exactly those in the Files view (one click).
import { countOf } from '../../components/format';
import { hrefFor } from '../../hooks/useRoute';
import { UNTRIAGED_QUERY } from '../files/untriagedQuery';
import '../../components/triage.css';

export function UntriagedCount({ count }: { count: number | null }) {
  if (count === null) return null;
  return (
    <a
      className={`untriaged${count > 0 ? ' untriaged--some' : ''}`}
      href={hrefFor.files(UNTRIAGED_QUERY)}
      title="Files with a malicious or suspicious verdict that nobody has triaged yet: show them"
      aria-label={`${countOf(count, 'untriaged detection')}: show them`}
    >
      <span className="untriaged__count">{count.toLocaleString('en')}</span>
      <span className="untriaged__word"> untriaged</span>
    </a>
  );
}
