// Paths an update writes, for the update-day corpus: Windows component store, servicing, driver store, Windows
// Update's downloads, Store apps and System32; Debian packages' libraries, Python modules, locales, documentation,
// kernel modules and binaries. `n` makes each path distinct; the rest comes from the seeded generator.
import type { AgentOs } from '../generators/wazuhSamples';
import type { Rng } from '../generators/prng';

export interface VendorFile {
  path: string;
  /** the package (Linux) or product (Windows) that ships it */
  product: { name: string; version: string };
}

const WIN_COMPONENTS = ['kernel32', 'ntdll', 'win32k', 'mshtml', 'edgehtml', 'crypt32', 'rpcrt4', 'combase', 'dwrite'];
const WIN_APPS = ['WindowsCalculator', 'WindowsTerminal', 'Paint', 'ScreenSketch', 'WindowsNotepad'];
const DRIVERS = ['netrtwlane', 'iaStorVD', 'nvlddmkm', 'e1d68x64', 'rt640x64'];
const DEB_PACKAGES = [
  'libssl3',
  'libc6',
  'systemd',
  'python3-urllib3',
  'openssh-server',
  'curl',
  'tzdata',
  'perl-base',
];
const PY_MODULES = ['urllib3', 'requests', 'certifi', 'idna', 'chardet', 'yaml'];
const LOCALES = ['de', 'fr', 'es', 'ja', 'pt_BR', 'ru', 'zh_CN'];

export function vendorFile(rng: Rng, os: AgentOs, n: number): VendorFile {
  return os === 'windows' ? windowsFile(rng, n) : linuxFile(rng, n);
}

function windowsFile(rng: Rng, n: number): VendorFile {
  const build = `10.0.19041.${3000 + (n % 900)}`;
  const product = { name: 'Windows 10', version: '22H2' };
  const comp = rng.pick(WIN_COMPONENTS);
  switch (rng.int(0, 5)) {
    case 0:
    case 1:
      return {
        path: `C:\\Windows\\WinSxS\\amd64_microsoft-windows-${comp}_31bf3856ad364e35_${build}_none_${rng.hex(16)}\\${comp}.dll`,
        product,
      };
    case 2:
      return {
        path: `C:\\Windows\\servicing\\Packages\\Package_${n}_for_KB50${30000 + n}~31bf3856ad364e35~amd64~~${build}.mum`,
        product,
      };
    case 3: {
      const drv = rng.pick(DRIVERS);
      return {
        path: `C:\\Windows\\System32\\DriverStore\\FileRepository\\${drv}.inf_amd64_${rng.hex(16)}\\${drv}.sys`,
        product,
      };
    }
    case 4: {
      const app = rng.pick(WIN_APPS);
      return {
        path: `C:\\Program Files\\WindowsApps\\Microsoft.${app}_11.${2300 + (n % 99)}.${n}.0_x64__8wekyb3d8bbwe\\${app}.dll`,
        product: { name: app, version: `11.${2300 + (n % 99)}` },
      };
    }
    default:
      return { path: `C:\\Windows\\SoftwareDistribution\\Download\\${rng.hex(32)}\\${comp}-${n}.cab`, product };
  }
}

function linuxFile(rng: Rng, n: number): VendorFile {
  const pkg = rng.pick(DEB_PACKAGES);
  const product = { name: pkg, version: `${rng.int(1, 9)}.${rng.int(0, 20)}-${rng.int(1, 5)}` };
  switch (rng.int(0, 5)) {
    case 0:
      return { path: `/usr/lib/x86_64-linux-gnu/lib${pkg.replace(/^lib/, '')}-${n}.so.${rng.int(1, 6)}`, product };
    case 1: {
      const mod = rng.pick(PY_MODULES);
      return {
        path: `/usr/lib/python3/dist-packages/${mod}/module_${n}.py`,
        product: { ...product, name: `python3-${mod}` },
      };
    }
    case 2:
      return { path: `/usr/share/locale/${rng.pick(LOCALES)}/LC_MESSAGES/${pkg}-${n}.mo`, product };
    case 3:
      return { path: `/usr/share/doc/${pkg}/changelog-${n}.Debian.gz`, product };
    case 4:
      return {
        path: `/usr/lib/modules/6.1.0-${18 + (n % 10)}-amd64/kernel/drivers/net/mod${n}.ko`,
        product: { name: 'linux-image-amd64', version: `6.1.${76 + (n % 10)}-1` },
      };
    default:
      return { path: `/usr/bin/${pkg.replace(/^lib/, '')}-tool-${n}`, product };
  }
}
