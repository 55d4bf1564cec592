// The VirusTotal queue's risk score: real-looking Windows and Linux paths in a table (level and the explanation the
// file page shows), the orderings the queue relies on, and properties: it never throws on any input, is a pure
// function of it, ignores case on Windows paths, and never ranks a file lower for being newer to the fleet.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskInput } from '../../../../electron/core/lookups/risk';

const dropped = { event: 'added', firstSeenInFleet: true, agentCount: 1, ruleLevel: 5 } as const;
const updated = { event: 'modified', firstSeenInFleet: false, agentCount: 6, ruleLevel: 7 } as const;

// [path, alert facts, level, explanation]
const TABLE: [string, Omit<RiskInput, 'path'>, 'high' | 'medium' | 'low', string][] = [
  // dropped where users and droppers write
  [
    'C:\\Users\\bob\\AppData\\Local\\Temp\\inv.exe',
    dropped,
    'high',
    'high: executable in a user temp folder, first seen, one agent, new file',
  ],
  [
    'c:\\users\\BOB~1.CON\\appdata\\local\\temp\\7zS4A1.tmp\\setup.dll',
    dropped,
    'high',
    'high: library in a user temp folder, first seen, one agent, new file',
  ],
  ['C:\\Windows\\Temp\\svc.ps1', updated, 'high', 'high: script in the Windows temp folder'],
  [
    'C:\\Users\\alice\\Downloads\\Invoice.PDF.exe',
    dropped,
    'high',
    'high: executable in a Downloads folder, double extension, first seen, one agent, new file',
  ],
  [
    'C:\\Users\\Public\\Documents\\run.vbs',
    dropped,
    'high',
    'high: script in the Public folder, first seen, one agent, new file',
  ],
  [
    'C:\\Users\\alice\\Downloads\\report\u202Efdp.exe',
    updated,
    'high',
    'high: executable in a Downloads folder, name reordered by a bidirectional control character',
  ],
  [
    '/tmp/kworker',
    dropped,
    'high',
    'high: file without extension (ELF-like) in a temp folder, first seen, one agent, new file',
  ],
  [
    '/dev/shm/.x/payload',
    dropped,
    'high',
    'high: file without extension (ELF-like) in a temp folder, first seen, one agent, new file',
  ],
  ['/var/tmp/.ICE-unix/.s', dropped, 'high', 'high: in a temp folder, hidden file, first seen, one agent, new file'],
  [
    '/home/alice/Downloads/miner',
    dropped,
    'high',
    'high: file without extension (ELF-like) in a Downloads folder, first seen, one agent, new file',
  ],
  ['/home/dev/.cache/update.sh', dropped, 'high', 'high: script in a home folder, first seen, one agent, new file'],
  // startup and persistence
  [
    'C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\StartUp\\update.bat',
    updated,
    'high',
    'high: script in a Startup folder',
  ],
  [
    'C:\\Users\\bob\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\helper.lnk',
    updated,
    'medium',
    'medium: in a Startup folder',
  ],
  [
    'C:\\Windows\\System32\\Tasks\\GoogleUpdateTaskMachineUA',
    dropped,
    'high',
    'high: in the scheduled tasks folder, first seen, one agent, new file',
  ],
  ['/etc/cron.d/backdoor', dropped, 'high', 'high: in a cron folder, first seen, one agent, new file'],
  ['/var/spool/cron/crontabs/root', updated, 'medium', 'medium: in a cron folder'],
  [
    '/etc/systemd/system/dbus-org.service',
    dropped,
    'high',
    'high: in a systemd unit folder, first seen, one agent, new file',
  ],
  [
    '/home/alice/.config/autostart/tracker.desktop',
    dropped,
    'high',
    'high: in an autostart folder, first seen, one agent, new file',
  ],
  ['/etc/ld.so.preload', { event: 'modified', agentCount: 1 }, 'medium', 'medium: in ld.so.preload, one agent'],
  ['/etc/rc.local', updated, 'medium', 'medium: in a boot script'],
  [
    '/root/.ssh/authorized_keys',
    { event: 'modified', agentCount: 1 },
    'high',
    'high: in SSH authorized_keys, one agent',
  ],
  // ordinary places
  ['C:\\Program Files\\Contoso App\\app.exe', updated, 'medium', 'medium: executable'],
  ['C:\\Windows\\System32\\drivers\\etc\\hosts', updated, 'low', 'low: nothing stands out'],
  ['/etc/ssh/sshd_config', updated, 'low', 'low: nothing stands out'],
  [
    '/var/www/html/wp-content/uploads/2026/07/shell.php',
    dropped,
    'high',
    'high: web script in a web root, first seen, one agent, new file',
  ],
  ['/opt/app/bin/server', { ...updated, ruleLevel: 12 }, 'low', 'low: rule level 12'],
  // vendor-managed: lowest
  [
    'C:\\Windows\\WinSxS\\amd64_microsoft-windows-kernel32_31bf3856ad364e35_10.0.19041.3636_none_1f4e0ab5\\kernel32.dll',
    updated,
    'low',
    'low: library in WinSxS (vendor-managed)',
  ],
  [
    'C:\\Windows\\servicing\\LCU\\Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.3636.1.8\\update.mum',
    updated,
    'low',
    'low: in Windows servicing (vendor-managed)',
  ],
  [
    'C:\\Program Files\\WindowsApps\\Microsoft.WindowsCalculator_11.2307.4.0_x64__8wekyb3d8bbwe\\CalculatorApp.exe',
    updated,
    'low',
    'low: executable in WindowsApps (vendor-managed)',
  ],
  [
    'C:\\Windows\\SoftwareDistribution\\Download\\a1b2\\msedge.dll',
    updated,
    'low',
    'low: library in the Windows Update cache (vendor-managed)',
  ],
  [
    'C:\\ProgramData\\Package Cache\\{1D8E6291-B0D5-35EC-8441-6616F567A0F7}\\VC_redist.x64.exe',
    updated,
    'low',
    'low: executable in the installer caches (vendor-managed)',
  ],
  [
    'C:\\Windows\\System32\\DriverStore\\FileRepository\\netrtwlane.inf_amd64_5d1c8b0f2ba7e6ef\\netrtwlane.sys',
    updated,
    'low',
    'low: driver in the driver store (vendor-managed)',
  ],
  ['/usr/lib/x86_64-linux-gnu/libc.so.6', updated, 'low', 'low: library in a package-managed folder'],
  ['/usr/share/doc/coreutils/changelog.Debian.gz', updated, 'low', 'low: in a package-managed folder'],
  ['/usr/bin/python3.11', updated, 'low', 'low: in a package-managed folder'],
  [
    '/var/cache/apt/archives/coreutils_9.1-1_amd64.deb',
    dropped,
    'low',
    'low: in a package cache (vendor-managed), first seen, one agent, new file',
  ],
  ['/var/lib/dpkg/info/coreutils.md5sums', updated, 'low', 'low: in a package cache (vendor-managed)'],
  [
    '/lib/modules/6.1.0-18-amd64/kernel/drivers/net/e1000.ko',
    updated,
    'low',
    'low: kernel module in a package-managed folder',
  ],
  ['/snap/core22/1122/usr/bin/bash', updated, 'low', 'low: in snap or flatpak packages (vendor-managed)'],
];

describe('risk score', () => {
  it.each(TABLE)('%s', (path, facts, level, explanation) => {
    const r = assessRisk({ path, ...facts });
    expect({ level: r.level, explanation: r.explanation }).toEqual({ level, explanation });
    expect(r.explanation).toBe(`${r.level}: ${r.reasons.length ? r.reasons.join(', ') : 'nothing stands out'}`);
  });

  it('remembers what each path says without mixing paths up (the table again, reversed, upper-cased, after 20,000 others)', () => {
    const again = () =>
      [...TABLE].reverse().forEach(([path, facts, level, explanation]) => {
        expect(assessRisk({ path, ...facts }).explanation, path).toBe(explanation);
        expect(assessRisk({ path, ...facts }).level, path).toBe(level);
        // a Linux path is read as it is written: upper case is another path (no longer in its folder)
        if (path.startsWith('/') && explanation.includes(' in '))
          expect(assessRisk({ path: path.toUpperCase(), ...facts }).explanation, path).not.toBe(explanation);
      });
    again();
    for (let i = 0; i < 20_000; i++) assessRisk({ path: `/srv/data/${i}.txt`, ...updated });
    again();
  });

  it('puts a dropped temp-folder executable far above changed vendor files', () => {
    const inv = assessRisk({ path: 'C:\\Users\\bob\\AppData\\Local\\Temp\\inv.exe', ...dropped }).score;
    const winsxs = assessRisk({ path: 'C:\\Windows\\WinSxS\\amd64_x_31bf\\foo.dll', ...updated }).score;
    const libc = assessRisk({ path: '/usr/lib/x86_64-linux-gnu/libc.so.6', ...updated }).score;
    expect(inv).toBe(100);
    expect(inv - Math.max(winsxs, libc)).toBeGreaterThanOrEqual(80);
    // even a vendor file newest to the fleet, on one agent, under a level-12 rule stays below a temp executable
    // that many agents have already reported
    const worstVendor = assessRisk({ path: 'C:\\Windows\\WinSxS\\x\\foo.dll', ...dropped, ruleLevel: 12 }).score;
    const oldTemp = assessRisk({ path: 'C:\\Windows\\Temp\\a.exe', ...updated }).score;
    expect(worstVendor).toBeLessThan(oldTemp);
    expect(assessRisk({ path: 'C:\\Windows\\WinSxS\\x\\foo.dll', ...dropped, ruleLevel: 12 }).level).not.toBe('high');
  });

  it('resolves "." and ".." and the Windows long-path prefix before deciding where a file is', () => {
    expect(assessRisk({ path: '/usr/lib/../../tmp/x.sh' }).explanation).toBe('high: script in a temp folder');
    expect(assessRisk({ path: 'C:\\Windows\\WinSxS\\..\\..\\Users\\bob\\Downloads\\a.exe' }).level).toBe('high');
    expect(assessRisk({ path: '\\\\?\\C:\\USERS\\BOB\\APPDATA\\LOCAL\\TEMP\\INV.EXE. ' }).explanation).toBe(
      'high: executable in a user temp folder',
    );
    // Linux is case-sensitive: /TMP is not /tmp, and /USR/lib is not vendor-managed
    expect(assessRisk({ path: '/TMP/x.sh' }).explanation).toBe('medium: script');
    expect(assessRisk({ path: '/USR/lib/x.so' }).level).toBe('medium');
  });

  it('never quotes the path in its reasons', () => {
    const r = assessRisk({ path: 'C:\\Users\\x\\Downloads\\<script>alert(1)</script>\n.exe', ...dropped });
    expect(r.reasons.join()).not.toMatch(/script>|alert|\n/);
  });
});

const windowsPath = fc
  .array(
    fc.constantFrom(
      'Users',
      'bob',
      'AppData',
      'Local',
      'Temp',
      'Windows',
      'WinSxS',
      'System32',
      'Downloads',
      'Public',
      'x',
    ),
    {
      maxLength: 6,
    },
  )
  .chain((dirs) =>
    fc
      .constantFrom('inv.exe', 'a.DLL', 'run.ps1', 'readme.txt', 'hosts', 'Invoice.pdf.exe')
      .map((name) => `C:\\${[...dirs, name].join('\\')}`),
  );
const facts = fc.record(
  {
    event: fc.constantFrom('added', 'modified', 'deleted', null, undefined),
    ruleLevel: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constantFrom(NaN, Infinity, null)),
    firstSeenInFleet: fc.constantFrom(true, false, null),
    agentCount: fc.oneof(fc.integer({ min: -1, max: 50 }), fc.constant(null)),
  },
  { requiredKeys: [] },
);

describe('risk score properties', () => {
  it('never throws, whatever the input, and always answers in range', () => {
    const check = (input: unknown) => {
      const r = assessRisk(input as RiskInput);
      expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 100).toBe(true);
      expect(r.level).toBe(r.score >= 70 ? 'high' : r.score >= 45 ? 'medium' : 'low');
      expect(r.explanation.startsWith(`${r.level}: `)).toBe(true);
    };
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), facts, (path, f) => check({ path, ...f })),
      {
        numRuns: 2000,
      },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (v) => check(v)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.anything({ maxDepth: 2 }), (path) => check({ path })),
      { numRuns: 500 },
    );
    check(undefined);
    check({ path: `C:\\${'a\\'.repeat(100_000)}x.exe` });
  });

  it('is a pure function of its input', () => {
    fc.assert(
      fc.property(fc.oneof(windowsPath, fc.string({ unit: 'grapheme', maxLength: 80 })), facts, (path, f) => {
        expect(assessRisk({ path, ...f })).toEqual(assessRisk(structuredClone({ path, ...f })));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads Windows paths regardless of case and slash direction', () => {
    fc.assert(
      fc.property(windowsPath, facts, (path, f) => {
        const r = assessRisk({ path, ...f });
        expect(assessRisk({ path: path.toUpperCase(), ...f })).toEqual(r);
        expect(assessRisk({ path: path.toLowerCase().replace(/\\/g, '/'), ...f })).toEqual(r);
      }),
      { numRuns: 1000 },
    );
  });

  it('never scores a file lower for being first seen, on one agent, or new', () => {
    fc.assert(
      fc.property(windowsPath, facts, (path, f) => {
        const base = assessRisk({ path, ...f, firstSeenInFleet: false, agentCount: 2, event: 'modified' }).score;
        expect(
          assessRisk({ path, ...f, firstSeenInFleet: true, agentCount: 2, event: 'modified' }).score,
        ).toBeGreaterThanOrEqual(base);
        expect(
          assessRisk({ path, ...f, firstSeenInFleet: false, agentCount: 1, event: 'modified' }).score,
        ).toBeGreaterThanOrEqual(base);
        expect(
          assessRisk({ path, ...f, firstSeenInFleet: false, agentCount: 2, event: 'added' }).score,
        ).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 500 },
    );
  });
});
