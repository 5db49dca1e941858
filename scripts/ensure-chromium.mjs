// Makes sure Debian's Chromium is there for the browser tests: installs it with apt-get when missing and
// running as root, else says exactly what to do. Never lets a tool download a browser of its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureChromium() {
  const known =
    process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (known && existsSync(known)) return known;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.error('Chromium is missing. Install it with `sudo apt-get install -y chromium`, or set CHROME_PATH.');
    process.exit(1);
  }
  console.log("Chromium is missing: installing Debian's chromium with apt-get …");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
  if (!existsSync('/usr/bin/chromium')) {
    console.error('apt-get finished but /usr/bin/chromium is not there.');
    process.exit(1);
  }
  return '/usr/bin/chromium';
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());

/**
 * Makes sure a Chinese font is there, so that screenshots and the visual tests show Chinese rather than boxes:
 * installs Debian's fonts-noto-cjk with apt-get when Noto Sans CJK is missing and running as root, else says what to do.
 */
export function ensureCjkFont() {
  let families = '';
  try {
    families = execFileSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  } catch {
    // No fontconfig: Chromium's package brings it; treat as missing.
  }
  if (/Noto Sans CJK SC/.test(families)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root) {
    console.error('Noto Sans CJK is missing. Install it with `sudo apt-get install -y fonts-noto-cjk`.');
    process.exit(1);
  }
  console.log("Noto Sans CJK is missing: installing Debian's fonts-noto-cjk with apt-get …");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'fonts-noto-cjk'], {
    stdio: 'inherit',
    env,
  });
}
