// Browser mode: the analyst allows this browser's notifications here (a clear button), sees whether they are on,
// can silence this browser alone, and is told what to do when the browser blocks them.
import { useEffect, useMemo, useState } from 'react';
import {
  browserNotificationHost,
  isSilenced,
  localStorageOrNull,
  setSilenced,
  type BrowserPermission,
} from '../../notifications/browserNotifications';

export function BrowserNotifications({ settingOn }: { settingOn: boolean }) {
  const host = useMemo(() => browserNotificationHost(), []);
  const storage = useMemo(() => localStorageOrNull(), []);
  const [permission, setPermission] = useState<BrowserPermission>(() => host.permission());
  const [silenced, setSilencedState] = useState(() => isSilenced(storage));
  const [asking, setAsking] = useState(false);

  // the analyst may change the permission in the browser's own site settings while the page is open
  useEffect(() => {
    let status: PermissionStatus | null = null;
    const update = () => setPermission(host.permission());
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((s) => {
        status = s;
        s.addEventListener('change', update);
      })
      .catch(() => undefined);
    return () => status?.removeEventListener('change', update);
  }, [host]);

  const allow = async () => {
    setAsking(true);
    try {
      setPermission(await host.request());
    } finally {
      setAsking(false);
    }
  };
  const silence = (value: boolean) => {
    setSilenced(storage, value);
    setSilencedState(value);
  };

  return (
    <div className="browser-notifications" role="group" aria-labelledby="browser-notifications-title">
      <p className="field__label" id="browser-notifications-title">
        Notifications in this browser
      </p>
      {permission === 'unsupported' ? (
        <p className="field__hint">
          This browser cannot show desktop notifications for this page. The tab title still counts what needs you.
        </p>
      ) : permission === 'default' ? (
        <>
          <button type="button" className="button" onClick={() => void allow()} disabled={asking}>
            Allow notifications in this browser
          </button>
          <p className="field__hint">
            One notification for each file that turns malicious, even when this tab is in the background; a click opens
            the file’s page. The browser asks you to confirm.
          </p>
        </>
      ) : permission === 'denied' ? (
        <div className="field__hint" role="note">
          <p>
            <strong>This browser blocks notifications for this page.</strong> To allow them: click the icon at the left
            of the address bar (the lock, or “site settings”), set <em>Notifications</em> to <em>Allow</em>, then reload
            this page.
          </p>
          <p>
            Chromium and Chrome: Settings → Privacy and security → Site settings → Notifications. Firefox: Settings →
            Privacy &amp; Security → Permissions → Notifications → Settings…, remove the block for this address.
          </p>
        </div>
      ) : (
        <>
          <p className="field__hint" data-state={silenced || !settingOn ? 'off' : 'on'}>
            {silenced
              ? 'Allowed, but silenced in this browser.'
              : settingOn
                ? 'On: one notification for each file that turns malicious; a click opens its page.'
                : 'Allowed, but “Notify me when a file turns malicious” is off.'}
          </p>
          <button type="button" className="button button--small" onClick={() => silence(!silenced)}>
            {silenced ? 'Turn on in this browser' : 'Silence this browser'}
          </button>
        </>
      )}
    </div>
  );
}
