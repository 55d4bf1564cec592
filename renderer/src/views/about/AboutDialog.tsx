import { Modal } from '../../components/Modal';
import { useEngine } from '../../store/StoreProvider';
import { VisibleText } from '../../components/VisibleText';

/** Version, data directory, key storage and the licences of what ships inside. */
export function AboutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const info = useEngine((s) => s.info);
  return (
    <Modal title="About FIM Verdict" open={open} onClose={onClose}>
      {info ? (
        <div className="about">
          <dl className="facts">
            <div>
              <dt>Version</dt>
              <dd>
                {info.name} {info.version}
                {info.demo ? ' (DEMO)' : ''}
              </dd>
            </div>
            <div>
              <dt>Data directory</dt>
              <dd>
                <code className="mono">
                  <VisibleText text={info.dataDir} />
                </code>
                <p className="muted small">
                  The database, the settings and the stored key. The desktop app, <code>npm start</code> and the
                  headless mode share this folder unless <code>--data-dir</code> names another.
                </p>
              </dd>
            </div>
            <div>
              <dt>Running as</dt>
              <dd>{info.transport === 'ipc' ? 'desktop app' : 'headless server, in this browser'}</dd>
            </div>
            <div>
              <dt>API key storage</dt>
              <dd>{info.keyStorage.message}</dd>
            </div>
          </dl>
          <h3>Licences</h3>
          <ul className="licences">
            {info.licences.map((l) => (
              <li key={l.name}>
                {l.name} <span className="muted">({l.licence})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Modal>
  );
}
