import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitUntil } from './processes.ts';

// A throwaway Dovecot IMAP server (Debian dovecot-imapd) for the mail-channel tests: own config, folders and port
// on 127.0.0.1, so it never meets the system instance (masked by .ci/run). Facts from ../shared/PEERS.md.

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const DOVEADM_BIN = '/usr/bin/doveadm';
export const dovecotInstalled = () => fs.existsSync(DOVECOT_BIN) && fs.existsSync(DOVEADM_BIN);

const run = promisify(execFile);

export type Dovecot = {
  port: number;
  user: string;
  password: string;
  /** imap://user:pass@127.0.0.1:port/INBOX */
  url: string;
  /** Puts a raw message into the user's INBOX as new (unseen), like local delivery would. */
  deliver(raw: string | Buffer, mailbox?: string): Promise<void>;
  stop(): Promise<void>;
};

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('data', (d) => done(d.toString().startsWith('* OK')));
    s.once('error', () => done(false));
  });
}

export async function startDovecot(user = 'helpdesk@example.jp', password = 'imap-test-password'): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unyo-dovecot-'));
  // The mail processes run as nobody and the auth process as dovecot: both must reach their files.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const mailDir = path.join(dir, 'mail');
  fs.mkdirSync(mailDir);
  fs.chownSync(mailDir, 65534, 65534);
  const users = path.join(dir, 'users');
  fs.writeFileSync(users, `${user}:{PLAIN}${password}::::::\n`, { mode: 0o640 });
  await run('chgrp', ['dovecot', users]);
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    `instance_name = unyo-test-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_uid = nobody
mail_gid = nogroup
mail_location = maildir:${mailDir}/%u/Maildir
passdb {
  driver = passwd-file
  args = ${users}
}
userdb {
  driver = passwd-file
  args = ${users}
  default_fields = uid=nobody gid=nogroup home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  // Dovecot forks into the background; the daemon must not hold our pipes, or waiting for the launcher never ends.
  await new Promise<void>((resolve, reject) => {
    const child = spawn(DOVECOT_BIN, ['-c', conf], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited ${code}; see ${dir}/dovecot.log`))));
  });
  const pidFile = path.join(dir, 'run', 'master.pid');
  try {
    await waitUntil(async () => fs.existsSync(pidFile) && (await greets(port)), 10_000, 20, 'dovecot greeting');
  } catch (e) {
    const logText = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
    throw new Error(`${(e as Error).message}\n${logText}`);
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());

  return {
    port,
    user,
    password,
    url: `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`,
    deliver: (raw, mailbox = 'INBOX') =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(DOVEADM_BIN, ['-c', conf, 'save', '-u', user, '-m', mailbox], { stdio: ['pipe', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
        });
        child.once('error', reject);
        child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`doveadm save exited ${code}: ${err}`))));
        child.stdin.end(raw);
      }),
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await waitUntil(
        async () => {
          try {
            process.kill(pid, 0);
            return false;
          } catch {
            return true;
          }
        },
        10_000,
        50,
        'dovecot to exit',
      );
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
