// What a file's path says about its risk: the kind of file (by extension, or an extension-less file where Linux
// malware lands) and the kind of place (temporary, downloads, user-writable, startup and persistence, or a folder
// the OS or a package manager manages). Pure and total: any string, however hostile, gives an answer.
//
// Windows paths are compared case-insensitively (NTFS is), after turning "\" into "/", dropping the drive and the
// "\\?\" prefix, and trimming the trailing dots and spaces Windows ignores ("inv.exe." is inv.exe). Linux paths are
// compared as they are. "." and ".." are resolved first, so "/usr/lib/../../tmp/x" is in /tmp, not in /usr/lib.

export type PlaceKind = 'temp' | 'downloads' | 'user' | 'persistence' | 'vendor';
export type FileKind =
  | 'executable'
  | 'library'
  | 'driver'
  | 'kernel module'
  | 'script'
  | 'web script'
  | 'macro-enabled document'
  | 'extensionless';

export interface Place {
  kind: PlaceKind;
  /** as it reads after "in": "a user temp folder" */
  label: string;
}

export interface PathFacts {
  os: 'windows' | 'linux';
  fileKind: FileKind | null;
  /** every place the path is in, most specific first within a kind */
  places: Place[];
  /** "Invoice.pdf.exe": a document's extension before an executable one */
  doubleExtension: boolean;
  /** a bidirectional override in the name, which can make "exe.pdf" display as "fdp.exe" */
  bidiTrick: boolean;
  /** a Linux name starting with "." */
  hidden: boolean;
}

const EXTENSIONS: Record<string, FileKind> = {
  ...kinds('executable', ['exe', 'scr', 'com', 'cpl', 'msi', 'elf', 'appimage']),
  ...kinds('library', ['dll', 'ocx', 'so']),
  ...kinds('driver', ['sys']),
  ...kinds('kernel module', ['ko']),
  ...kinds('script', ['ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'bat', 'cmd', 'hta', 'sh', 'py', 'pl']),
  ...kinds('web script', ['php', 'phtml', 'jsp', 'jspx', 'asp', 'aspx']),
  ...kinds('macro-enabled document', ['docm', 'dotm', 'xlsm', 'xltm', 'pptm']),
};
const DOCUMENT_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'txt', 'rtf', 'csv']);
for (const e of ['jpg', 'jpeg', 'png', 'gif', 'zip', 'rar', 'mp3', 'mp4']) DOCUMENT_EXTENSIONS.add(e);

function kinds(kind: FileKind, extensions: string[]): Record<string, FileKind> {
  return Object.fromEntries(extensions.map((e) => [e, kind]));
}

type Rule = { pattern: string[]; place: Place };
/** "users/* /appdata" (a "*" segment is any one segment, "cron*" any segment starting so) -> rules */
function rules(kind: PlaceKind, label: string, patterns: string[]): Rule[] {
  return patterns.map((p) => ({ pattern: p.split('/'), place: { kind, label } }));
}

const WINDOWS_RULES: Rule[] = [
  ...rules('temp', 'a user temp folder', ['users/*/appdata/local/temp']),
  ...rules('temp', 'the Windows temp folder', ['windows/temp', 'windows/systemtemp']),
  ...rules('downloads', 'a Downloads folder', ['users/*/downloads']),
  ...rules('user', 'the Public folder', ['users/public']),
  ...rules('user', 'a user AppData folder', ['users/*/appdata']),
  ...rules('user', 'a user folder', ['users/*']),
  ...rules('user', 'ProgramData', ['programdata']),
  ...rules('user', 'a user-writable folder', ['perflogs', '$recycle.bin']),
  ...rules('persistence', 'a Startup folder', [
    'users/*/appdata/roaming/microsoft/windows/start menu/programs/startup',
    'programdata/microsoft/windows/start menu/programs/startup',
  ]),
  ...rules('persistence', 'the scheduled tasks folder', [
    'windows/system32/tasks',
    'windows/syswow64/tasks',
    'windows/tasks',
  ]),
  ...rules('persistence', 'a Group Policy scripts folder', [
    'windows/system32/grouppolicy/machine/scripts',
    'windows/system32/grouppolicy/user/scripts',
  ]),
  ...rules('vendor', 'WinSxS (vendor-managed)', ['windows/winsxs']),
  ...rules('vendor', 'Windows servicing (vendor-managed)', ['windows/servicing']),
  ...rules('vendor', 'WindowsApps (vendor-managed)', ['program files/windowsapps']),
  ...rules('vendor', 'the Windows Update cache (vendor-managed)', ['windows/softwaredistribution']),
  ...rules('vendor', 'the driver store (vendor-managed)', ['windows/system32/driverstore']),
  ...rules('vendor', 'the installer caches (vendor-managed)', ['programdata/package cache', 'windows/installer']),
  ...rules('vendor', 'the .NET assembly cache (vendor-managed)', [
    'windows/assembly',
    'windows/microsoft.net/assembly',
  ]),
];

const LINUX_RULES: Rule[] = [
  ...rules('temp', 'a temp folder', ['tmp', 'var/tmp', 'dev/shm']),
  ...rules('downloads', 'a Downloads folder', ['home/*/Downloads', 'home/*/downloads', 'root/Downloads']),
  ...rules('user', 'a home folder', ['home/*', 'root']),
  ...rules('user', 'a web root', ['var/www', 'srv/www']),
  ...rules('user', 'a user runtime folder', ['run/user/*']),
  ...rules('persistence', 'a systemd unit folder', [
    'etc/systemd/system',
    'etc/systemd/user',
    'run/systemd/system',
    'home/*/.config/systemd/user',
    'root/.config/systemd/user',
  ]),
  ...rules('persistence', 'a cron folder', ['etc/cron*', 'etc/anacrontab', 'var/spool/cron']),
  ...rules('persistence', 'an autostart folder', [
    'home/*/.config/autostart',
    'root/.config/autostart',
    'etc/xdg/autostart',
  ]),
  ...rules('persistence', 'a boot script', ['etc/rc*', 'etc/init.d']),
  ...rules('persistence', 'ld.so.preload', ['etc/ld.so.preload']),
  ...rules('persistence', 'a shell startup file', [
    'etc/profile',
    'etc/profile.d',
    'etc/bash.bashrc',
    ...['home/*', 'root'].flatMap((h) => ['.bashrc', '.bash_profile', '.profile', '.zshrc'].map((f) => `${h}/${f}`)),
  ]),
  ...rules('persistence', 'SSH authorized_keys', ['home/*/.ssh/authorized_keys', 'root/.ssh/authorized_keys']),
  ...rules('persistence', 'udev rules or boot-time modules', ['etc/udev/rules.d', 'etc/modules-load.d']),
  ...rules('vendor', 'a package-managed folder', [
    ...['lib', 'lib32', 'lib64', 'libexec', 'share', 'bin', 'sbin', 'src'].map((d) => `usr/${d}`),
    ...['lib', 'lib32', 'lib64', 'bin', 'sbin'],
  ]),
  ...rules('vendor', 'a package cache (vendor-managed)', [
    'var/cache/apt/archives',
    'var/lib/dpkg',
    'var/cache/dnf',
    'var/cache/yum',
    'var/lib/rpm',
    'var/cache/pacman/pkg',
  ]),
  ...rules('vendor', 'snap or flatpak packages (vendor-managed)', ['snap', 'var/lib/snapd', 'var/lib/flatpak']),
];

// bidirectional controls that reorder what a name displays
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

export function pathFacts(rawPath: unknown): PathFacts {
  const raw = typeof rawPath === 'string' ? rawPath : '';
  const windows = /^[a-zA-Z]:[\\/]/.test(raw) || raw.startsWith('\\\\') || (!raw.startsWith('/') && raw.includes('\\'));
  const segments = windows ? windowsSegments(raw) : resolveDots(raw.split('/'));
  const name = segments.at(-1) ?? '';
  const parts = name.split('.');
  const ext = parts.length > 1 && parts[0] !== '' ? parts.at(-1)!.toLowerCase() : null;
  // "libc.so.6": a versioned shared object is a library
  const versionedSo = !windows && /\.so(\.\d+)+$/.test(name);
  let fileKind: FileKind | null = versionedSo ? 'library' : ext ? (EXTENSIONS[ext] ?? null) : null;
  // the longest pattern is the most specific place ("a user temp folder" before "a user AppData folder")
  const places = (windows ? WINDOWS_RULES : LINUX_RULES)
    .filter((r) => matches(segments, r.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length)
    .map((r) => r.place);
  // an extension-less file where users and droppers write is what a Linux executable looks like (a persistence
  // file such as authorized_keys or crontabs/root is a file of its own kind, counted as such)
  const writable = places.some((p) => p.kind === 'temp' || p.kind === 'downloads' || p.kind === 'user');
  const persistence = places.some((p) => p.kind === 'persistence');
  if (!windows && fileKind === null && !name.includes('.') && name !== '' && writable && !persistence)
    fileKind = 'extensionless';
  const before = parts.length > 2 ? parts.at(-2)!.toLowerCase() : '';
  return {
    os: windows ? 'windows' : 'linux',
    fileKind,
    places: uniquePlaces(places),
    doubleExtension: fileKind !== null && fileKind !== 'extensionless' && DOCUMENT_EXTENSIONS.has(before),
    bidiTrick: BIDI.test(name),
    hidden: !windows && name.startsWith('.') && name.length > 1,
  };
}

function windowsSegments(raw: string): string[] {
  const path = raw
    .replace(/^[\\/]{2}[?.][\\/]/, '') // \\?\C:\... and \\.\C:\...
    .toLowerCase()
    .replace(/\\/g, '/')
    .replace(/^[a-z]:/, '');
  // Windows drops trailing dots and spaces from every name: "temp. " is temp
  return resolveDots(path.split('/').map((s) => s.replace(/[. ]+$/, (m) => (s === m ? s : ''))));
}

function resolveDots(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

function matches(segments: string[], pattern: string[]): boolean {
  if (segments.length < pattern.length) return false;
  return pattern.every((p, i) =>
    p === '*' ? true : p.endsWith('*') ? segments[i].startsWith(p.slice(0, -1)) : segments[i] === p,
  );
}

function uniquePlaces(places: Place[]): Place[] {
  const seen = new Set<string>();
  return places.filter((p) => (seen.has(p.label) ? false : (seen.add(p.label), true)));
}
