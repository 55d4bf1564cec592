// The fleet of the scale benchmark, deterministic by seed: ~50 agents (the manager, Linux servers, Windows
// servers and desktops) and the paths their FIM watches, Linux and Windows, a few with non-ASCII names. Paths are
// made on demand from their index (the same index gives the same path for a seed), so a fleet of a million paths
// costs only the strings actually used.
import { createRng, type Rng } from '../../generators/prng';
import type { AgentOs, GenAgent } from '../../generators/wazuhSamples';

export interface FleetAgent extends GenAgent {
  /** relative share of the fleet's FIM events (build runners and web servers change files all day) */
  weight: number;
}

const LINUX_GROUPS: [string, number, number][] = [
  // name prefix, how many, weight of each
  ['web', 6, 3],
  ['db', 4, 1],
  ['app', 6, 2],
  ['k8s-node', 6, 2],
  ['build-runner', 2, 6],
  ['mail', 1, 1],
  ['vpn-gw', 1, 0.5],
  ['bastion', 1, 0.5],
  ['backup', 1, 1],
];
const WINDOWS_NAMES: [string, number][] = [
  ['WIN-FIN-01', 1],
  ['WIN-FIN-02', 1],
  ['WIN-FIN-03', 1],
  ['WIN-FIN-04', 1],
  ['WIN-HR-01', 1],
  ['WIN-HR-02', 1],
  ['WIN-HR-03', 1],
  ['win-dc01.corp.local', 1.5],
  ['win-dc02.corp.local', 1.5],
  ['WIN-SQL-01', 1],
  ['WIN-EXCH-01', 1.5],
  ['WIN-RDS-01', 2],
  ['WIN-RDS-02', 2],
  ['WIN-RDS-03', 2],
  ['WIN-PRINT-01', 0.5],
];

/** The manager (000), 28 Linux agents and 21 Windows agents. */
export function fleetAgents(seed: number): FleetAgent[] {
  const rng = createRng(seed ^ 0x5eed);
  const agents: FleetAgent[] = [{ id: '000', name: 'wazuh-manager', ip: null, os: 'linux', weight: 1 }];
  const add = (name: string, os: AgentOs, weight: number, subnet: number) => {
    const id = String(agents.length).padStart(3, '0');
    const ip = rng.bool(0.85) ? `10.0.${subnet}.${10 + agents.length}` : null;
    agents.push({ id, name, ip, os, weight });
  };
  for (const [prefix, count, weight] of LINUX_GROUPS)
    for (let i = 1; i <= count; i++) add(`${prefix}-${String(i).padStart(2, '0')}`, 'linux', weight, 1);
  for (const [name, weight] of WINDOWS_NAMES) add(name, 'windows', weight, 3);
  for (let i = 0; i < 6; i++) add(`DESKTOP-${rng.hex(7).toUpperCase()}`, 'windows', 1, 56);
  return agents;
}

const LINUX_BINS =
  'bash sh ls cp mv rm cat grep sed awk tar gzip curl wget ssh scp sshd sudo su passwd useradd crontab systemctl journalctl python3 perl node java nginx apache2 mysqld postgres redis-server dockerd containerd runc kubelet kubectl git make gcc ld openssl gpg rsync find xargs ps top kill mount umount ip ss iptables nft chmod chown ln dd nc socat vim nano less'.split(
    ' ',
  );
const LINUX_LIBS = 'ssl crypto z curl pam systemd ssh gcrypt krb5 ldap nss3 xml2 sqlite3 pcre2-8 ffi selinux'.split(
  ' ',
);
const LINUX_ETC =
  'passwd shadow group gshadow sudoers hosts resolv.conf fstab crontab hostname environment profile bash.bashrc ld.so.preload login.defs'.split(
    ' ',
  );
const ETC_DIRS = 'ssh nginx/conf.d apache2/sites-enabled systemd/system cron.d sudoers.d pam.d security default'.split(
  ' ',
);
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'deploy', 'svc-backup', 'jenkins', 'grace'];
const NON_ASCII_USERS = ['josé', 'Jürgen', 'Zoë', 'дмитрий', '王芳', 'Ñandú'];
const WORDS =
  'invoice report backup export scan photo contract payroll budget notes draft final setup update patch installer release build cache data log'.split(
    ' ',
  );
const DOC_EXT = ['pdf', 'docx', 'xlsx', 'zip', 'jpg', 'png', 'txt', 'csv'];
const WIN_SYS =
  'kernel32 ntdll user32 advapi32 ws2_32 crypt32 wininet msvcrt shell32 ole32 rpcrt4 sechost bcrypt'.split(' ');
const WIN_EXE =
  'svchost lsass services winlogon explorer taskhostw conhost rundll32 regsvr32 powershell cmd wmic'.split(' ');
const VENDORS: [string, string][] = [
  ['Microsoft Office', 'root\\Office16'],
  ['Google', 'Chrome\\Application'],
  ['Mozilla Firefox', ''],
  ['7-Zip', ''],
  ['Notepad++', ''],
  ['Adobe', 'Acrobat DC\\Acrobat'],
  ['Contoso', 'Agent\\bin'],
  ['Zoom', 'bin'],
];
const SITES = ['www', 'shop', 'intranet', 'blog', 'api'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function linuxPath(r: Rng): string {
  const user = r.bool(0.06) ? r.pick(NON_ASCII_USERS) : r.pick(USERS);
  switch (r.int(0, 9)) {
    case 0:
      return `${r.pick(['/usr/bin', '/usr/sbin', '/bin', '/usr/local/bin'])}/${r.pick(LINUX_BINS)}`;
    case 1:
      return `/usr/lib/x86_64-linux-gnu/lib${r.pick(LINUX_LIBS)}.so.${r.int(0, 3)}.${r.int(0, 40)}.${r.int(0, 9)}`;
    case 2:
      return r.bool(0.5)
        ? `/etc/${r.pick(LINUX_ETC)}`
        : `/etc/${r.pick(ETC_DIRS)}/${r.pick(WORDS)}-${r.int(1, 99)}.conf`;
    case 3:
    case 4:
      return `/var/www/${r.pick(SITES)}/wp-content/uploads/${r.int(2019, 2026)}/${pad(r.int(1, 12))}/${r.pick(WORDS)}-${r.int(1, 99_999)}.${r.pick(['jpg', 'png', 'pdf', 'php', 'webp'])}`;
    case 5:
      return `/home/${user}/${r.pick(['Downloads', 'Documents', 'projects', '.local/bin', '.ssh'])}/${r.pick(WORDS)}_${r.int(1, 9_999)}.${r.pick([...DOC_EXT, 'sh', 'py', 'elf'])}`;
    case 6:
      return `${r.pick(['/tmp', '/var/tmp', '/dev/shm'])}/.${r.hex(8)}/${r.pick(['kworker', 'x', 'payload.elf', 'update', 'dbus-daemon'])}`;
    case 7:
      return `/opt/${r.pick(['app', 'tomcat', 'elastic', 'gitlab', 'splunk'])}/lib/${r.pick(WORDS)}-${r.int(1, 9)}.${r.int(0, 30)}.${r.int(0, 9)}.jar`;
    case 8:
      return `/var/lib/docker/overlay2/${r.hex(64)}/diff/usr/local/bin/${r.pick(LINUX_BINS)}`;
    default:
      return r.bool(0.5)
        ? `/var/spool/cron/crontabs/${user}`
        : `/root/.${r.pick(['bashrc', 'profile', 'ssh/authorized_keys'])}`;
  }
}

function windowsPath(r: Rng): string {
  const user = r.bool(0.06) ? r.pick(NON_ASCII_USERS) : r.pick(USERS);
  switch (r.int(0, 9)) {
    case 0:
      return `C:\\Windows\\${r.pick(['System32', 'SysWOW64'])}\\${r.pick(WIN_SYS)}.dll`;
    case 1:
      return `C:\\Windows\\System32\\${r.bool(0.5) ? `drivers\\${r.pick(WORDS)}${r.int(1, 64)}.sys` : `${r.pick(WIN_EXE)}.exe`}`;
    case 2:
    case 3: {
      const [vendor, sub] = r.pick(VENDORS);
      const dir = `C:\\Program Files${r.bool(0.3) ? ' (x86)' : ''}\\${vendor}${sub ? `\\${sub}` : ''}`;
      return `${dir}\\${r.pick(WORDS)}${r.int(1, 400)}.${r.pick(['dll', 'exe'])}`;
    }
    case 4:
      return `C:\\Users\\${user}\\Downloads\\${r.pick(WORDS)} (${r.int(1, 999)}).${r.pick([...DOC_EXT, 'exe', 'msi'])}`;
    case 5:
      return `C:\\Users\\${user}\\AppData\\Local\\Temp\\{${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}}.tmp`;
    case 6:
      return `C:\\Users\\${user}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\${r.pick(WORDS)}.${r.pick(['lnk', 'exe', 'vbs', 'bat'])}`;
    case 7:
      return `C:\\ProgramData\\${r.pick(['Microsoft\\Windows Defender\\Platform', 'Contoso\\Agent', 'Package Cache'])}\\${r.hex(6)}\\${r.pick(WORDS)}.${r.pick(['dll', 'exe', 'msi'])}`;
    case 8:
      return `D:\\Shares\\${r.pick(['Finance', 'HR', 'Legal', 'Sales', '共有'])}\\${r.pick(WORDS)}_${r.int(1, 9_999)}.${r.pick(DOC_EXT)}`;
    default:
      return `C:\\inetpub\\wwwroot\\${r.pick(SITES)}\\${r.pick(['bin', 'uploads', 'App_Data'])}\\${r.pick(WORDS)}${r.int(1, 999)}.${r.pick(['aspx', 'dll', 'config', 'jpg'])}`;
  }
}

/** Where a path is watched: its OS and the agents that report it. */
export interface FleetPath {
  path: string;
  os: AgentOs;
  /** agent indexes (into fleetAgents()) that report this path */
  agents: number[];
}

/** The paths of a fleet, made when first asked for and kept (a path is asked for again and again). */
export class FleetPaths {
  private readonly made = new Map<number, FleetPath>();
  private readonly byOs: Record<AgentOs, number[]>;

  constructor(
    private readonly seed: number,
    readonly agents: FleetAgent[],
  ) {
    this.byOs = { linux: [], windows: [] };
    agents.forEach((a, i) => this.byOs[a.os].push(i));
  }

  get(index: number): FleetPath {
    let p = this.made.get(index);
    if (!p) {
      const r = createRng((Math.imul(index + 1, 0x9e3779b1) ^ this.seed) >>> 0);
      const os: AgentOs = r.bool(0.55) ? 'linux' : 'windows';
      const pool = this.byOs[os];
      // most paths are one machine's; system paths change on many machines at once (updates)
      const spread = r.next();
      const count = spread < 0.75 ? 1 : spread < 0.93 ? r.int(2, 6) : pool.length;
      const agents = new Set<number>();
      while (agents.size < Math.min(count, pool.length)) agents.add(this.weightedPick(r, pool));
      p = { path: os === 'linux' ? linuxPath(r) : windowsPath(r), os, agents: [...agents] };
      this.made.set(index, p);
    }
    return p;
  }

  private weightedPick(r: Rng, pool: number[]): number {
    const total = pool.reduce((s, i) => s + this.agents[i].weight, 0);
    let x = r.next() * total;
    for (const i of pool) {
      x -= this.agents[i].weight;
      if (x < 0) return i;
    }
    return pool[pool.length - 1];
  }
}
