#!/usr/bin/python3
"""Two laptops sync through a proxy that misbehaves on purpose: server
errors (500, 507 on reports), refused writes (412 without forwarding them),
dropped connections and delays, at random. Every failed sync says why in one line
and exits non-zero; nothing is lost or duplicated, and once the network
behaves both laptops and the server agree.

Usage: test-sync-faults.py PROGRAM   (Radicale on 127.0.0.1). Prints TAP."""

import http.client
import http.server
import os
import random
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time

PROGRAM = sys.argv[1]
N_EVENINGS = 20
faults_on = True
rng = random.Random(7)
count = 0
failed = 0


def check(what, ok, detail=''):
    global count, failed
    count += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {count} - {what}", flush=True)
    if detail and not ok:
        for line in str(detail).splitlines():
            print(f'#   {line}')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def make_proxy(target_port):
    class Proxy(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'

        def log_message(self, *a):
            pass

        def relay(self):
            length = int(self.headers.get('Content-Length') or 0)
            body = self.rfile.read(length) if length else None
            roll = rng.random() if faults_on else 1.0
            if roll < 0.08:
                # The connection drops before any answer.
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            if roll < 0.16:
                self.send_response(500, 'Injected')
                self.send_header('Content-Length', '0')
                self.end_headers()
                return
            if roll < 0.20 and self.command == 'PUT':
                # A write refused as if someone else had changed it first.
                self.send_response(412, 'Injected')
                self.send_header('Content-Length', '0')
                self.end_headers()
                return
            if roll < 0.24 and self.command == 'REPORT':
                # "Insufficient storage": the server could not answer in full.
                self.send_response(507, 'Injected')
                self.send_header('Content-Length', '0')
                self.end_headers()
                return
            if roll < 0.28:
                time.sleep(0.3)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ('host', 'connection')}
            upstream = http.client.HTTPConnection('127.0.0.1', target_port, timeout=120)
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            self.send_response(answer.status, answer.reason)
            for k, v in answer.getheaders():
                if k.lower() in ('transfer-encoding', 'connection', 'content-length'):
                    continue
                if k.lower() == 'location':
                    v = v.replace(f':{target_port}', f':{self.server.server_address[1]}')
                self.send_header(k, v)
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            upstream.close()

        do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCALENDAR = do_OPTIONS = relay

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    return Server(('127.0.0.1', free_port()), Proxy)


def profile_env(root, name):
    env = dict(os.environ)
    for kind in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        env[f'XDG_{kind}_HOME'] = os.path.join(root, name, kind.lower())
    env['GIO_USE_PROXY_RESOLVER'] = 'dummy'
    env.pop('DISPLAY', None)
    return env


def calendar_file(path, version, only=None):
    lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Closeness faults//EN']
    for i in range(N_EVENINGS) if only is None else only:
        lines += ['BEGIN:VEVENT', f'UID:faults-{i}@closeness.test', 'DTSTAMP:20260101T000000Z',
                  f'DTSTART;TZID=Europe/Berlin:202702{1 + i % 28:02d}T2000{0}0',
                  'DURATION:PT1H', f'SUMMARY:Evening {i} version {version}', 'END:VEVENT']
    lines.append('END:VCALENDAR')
    with open(path, 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')


def run(env, *args, stdin=None):
    return subprocess.run([PROGRAM, *args], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def sync_until_done(env, attempts=60):
    """Syncs until one goes through; returns (failures, their messages)."""
    messages = []
    for _ in range(attempts):
        done = run(env, '--sync')
        if done.returncode == 0:
            return messages, True
        messages.append(done.stderr.strip())
    return messages, False


def main():
    global faults_on
    print('1..6')
    root = tempfile.mkdtemp(prefix='closeness-faults-')
    port = free_port()
    env = dict(os.environ, HOME=root)
    for key in ('XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'):
        env.pop(key, None)
    storage = os.path.join(root, 'server')
    radicale = subprocess.Popen(['radicale', '--config', '', '--server-hosts', f'127.0.0.1:{port}',
                                 '--auth-type', 'none', '--storage-filesystem-folder', storage],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proxy = make_proxy(port)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    url = f'http://127.0.0.1:{proxy.server_address[1]}/'
    try:
        for _ in range(200):
            try:
                socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        a = profile_env(root, 'a')
        b = profile_env(root, 'b')
        ics = os.path.join(root, 'evenings.ics')

        # The account is set up while the network behaves.
        faults_on = False
        calendar_file(ics, 0)
        run(a, '--import-ics', ics)
        ok_a = run(a, '--sync-account', url, '--user', 'couple', stdin='\n').returncode == 0
        ok_b = run(b, '--sync-account', url, '--user', 'couple', stdin='\n').returncode == 0
        check('both laptops set up the account', ok_a and ok_b)
        faults_on = True

        failures, done = sync_until_done(a)
        check(f'laptop A gets its evenings through ({len(failures)} syncs failed first)', done,
              '\n'.join(failures[-3:]))
        one_line = all(m.startswith('Cannot sync: ') and '\n' not in m for m in failures)
        check('every failed sync said why in one line', one_line, '\n'.join(failures[:5]))

        failures_b, done_b = sync_until_done(b)
        calendar_file(ics, 1, only=range(0, N_EVENINGS, 2))
        run(b, '--import-ics', ics)
        more, done_b2 = sync_until_done(b)
        again, done_a2 = sync_until_done(a)
        check('through the faults, B receives and sends its changes, A receives them',
              done_b and done_b2 and done_a2,
              '\n'.join((failures_b + more + again)[-3:]))

        faults_on = False
        run(a, '--sync')
        run(b, '--sync')
        exports = []
        for name, env_ in (('a', a), ('b', b)):
            path = os.path.join(root, f'{name}.ics')
            run(env_, '--export-ics', path)
            with open(path, encoding='utf-8') as f:
                exports.append(f.read())
        want = [f'Evening {i} version {1 if i % 2 == 0 else 0}' for i in range(N_EVENINGS)]
        agree = all(all(w in text for w in want) and text.count('BEGIN:VEVENT') == N_EVENINGS
                    for text in exports)
        check('both laptops hold every evening once, as last changed', agree,
              f'A: {exports[0].count("BEGIN:VEVENT")} evenings, B: {exports[1].count("BEGIN:VEVENT")}')

        items = []
        for top, dirs, files in os.walk(os.path.join(storage, 'collection-root')):
            dirs[:] = [d for d in dirs if not d.startswith('.')]
            items += [f for f in files if f.endswith('.ics')]
        check(f'the server holds {N_EVENINGS} evenings, no duplicates', len(items) == N_EVENINGS,
              f'{len(items)} items')
    finally:
        proxy.shutdown()
        radicale.terminate()
        radicale.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
