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
