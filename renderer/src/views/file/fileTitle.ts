// The name a file page goes by: VirusTotal's meaningful name, else the base name of the path it was last seen at;
// a hash prefix only when nothing better is known (a hash looked up by hand that VirusTotal does not know).
import type { HashDetail } from '../../../../shared/contract';
import { shortHash } from '../../../../shared/hashes';

/** "/var/www/x.php" -> "x.php", "C:\\Temp\\a.exe" -> "a.exe" */
export function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(cut + 1) || path;
}

export function fileTitle(detail: Pick<HashDetail, 'names' | 'alerts' | 'sha256'>, hash: string): string {
  const name = detail.names.find((n) => n.trim() !== '');
  if (name) return name;
  const path = detail.alerts[0]?.path;
  if (path) return baseName(path);
  return `File ${shortHash(detail.sha256 ?? hash, 16)}`;
}
