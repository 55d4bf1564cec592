// The OS user's name: who triages in the desktop app (and the headless server's default when a browser names nobody).
import os from 'node:os';

export function osUserName(): string {
  try {
    const name = os.userInfo().username.trim();
    if (name) return name.slice(0, 100);
  } catch {
    // no passwd entry for this uid (a container): the environment may still say
  }
  return (process.env.USER ?? process.env.USERNAME ?? 'analyst').slice(0, 100) || 'analyst';
}
