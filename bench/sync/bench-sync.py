#!/usr/bin/python3
"""Calendar sync, side by side with vdirsyncer, against Radicale on loopback.

Both clients talk to the same Radicale through a counting proxy (each to a
calendar of its own), so requests are counted the same way for both:

- initial sync of the ten-year calendar (4,000 evenings) to the server;
- incremental sync of one changed evening (median of --rounds, the two
  clients alternating).

Usage: bench-sync.py PROGRAM [--evenings N] [--rounds N]
Prints a table and RESULT lines; never fails on a figure (a benchmark is
not a timed test)."""

import argparse
import http.client
import http.server
import os
import shutil
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument('program')
parser.add_argument('--evenings', type=int, default=4000)
parser.add_argument('--rounds', type=int, default=5)
args = parser.parse_args()

requests_seen = 0
requests_lock = threading.Lock()


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
            global requests_seen
            with requests_lock:
                requests_seen += 1
            length = int(self.headers.get('Content-Length') or 0)
            body = self.rfile.read(length) if length else None
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
        do_HEAD = do_POST = do_PROPPATCH = do_MKCOL = relay

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    return Server(('127.0.0.1', free_port()), Proxy)


def evening(i, version=0):
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2017 + i // 400
    return (f'BEGIN:VEVENT\r\nUID:bench-{i}@closeness.test\r\nDTSTAMP:20260101T000000Z\r\n'
            f'DTSTART;TZID=Europe/Berlin:{year}{month:02d}{day:02d}T19{i % 60:02d}00\r\n'
            f'DURATION:PT1H30M\r\nSUMMARY:Evening {i} version {version}\r\nEND:VEVENT\r\n')


def calendar(events):
    return 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Closeness bench//EN\r\n' + ''.join(events) + 'END:VCALENDAR\r\n'


def profile_env(root, name):
    env = dict(os.environ)
    for kind in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        env[f'XDG_{kind}_HOME'] = os.path.join(root, name, kind.lower())
    env['GIO_USE_PROXY_RESOLVER'] = 'dummy'
    env.pop('DISPLAY', None)
    return env


def counted(fn):
    global requests_seen
    with requests_lock:
        requests_seen = 0
    started = time.monotonic()
    fn()
    elapsed = time.monotonic() - started
    with requests_lock:
        return elapsed, requests_seen


def main():
    root = tempfile.mkdtemp(prefix='closeness-bench-sync-')
    port = free_port()
    env = dict(os.environ, HOME=root)
    for key in ('XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'):
        env.pop(key, None)
    radicale = subprocess.Popen(['radicale', '--config', '', '--server-hosts', f'127.0.0.1:{port}',
                                 '--auth-type', 'none', '--storage-filesystem-folder',
                                 os.path.join(root, 'server')],
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

        # Closeness: the ten-year calendar, imported, then synced.
        a = profile_env(root, 'closeness')
        ics = os.path.join(root, 'ten-years.ics')
        with open(ics, 'w') as f:
            f.write(calendar(evening(i) for i in range(args.evenings)))
        subprocess.run([args.program, '--import-ics', ics], env=a, check=True, capture_output=True)
        subprocess.run([args.program, '--sync-account', url, '--user', 'closeness'], env=a,
                       input='\n', text=True, check=True, capture_output=True)
        c_initial = counted(lambda: subprocess.run([args.program, '--sync'], env=a, check=True,
                                                   capture_output=True))

        # vdirsyncer: the same evenings as one file each, to a calendar of its own.
        local = os.path.join(root, 'vdir')
        os.makedirs(local)
        for i in range(args.evenings):
            with open(os.path.join(local, f'bench-{i}.ics'), 'w') as f:
                f.write(calendar([evening(i)]))
        status = os.path.join(root, 'vdirsyncer-status')
        config = os.path.join(root, 'vdirsyncer.conf')
        collection = f'{url}vdirsyncer/bench/'
        # The calendar vdirsyncer syncs to, made the way a client makes one.
        conn = http.client.HTTPConnection('127.0.0.1', proxy.server_address[1])
        conn.request('MKCALENDAR', '/vdirsyncer/bench/', headers={'Authorization': 'Basic dmRpcnN5bmNlcjo='})
        conn.getresponse().read()
        with open(config, 'w') as f:
            f.write(f'[general]\nstatus_path = "{status}"\n\n'
                    f'[pair bench]\na = "local"\nb = "server"\ncollections = null\n'
                    f'conflict_resolution = "a wins"\n\n'
                    f'[storage local]\ntype = "filesystem"\npath = "{local}"\nfileext = ".ics"\n\n'
                    f'[storage server]\ntype = "caldav"\nurl = "{collection}"\n'
                    f'username = "vdirsyncer"\npassword = ""\n')
        venv = dict(os.environ, VDIRSYNCER_CONFIG=config, HOME=root)
        subprocess.run(['vdirsyncer', 'discover'], env=venv, input='y\n' * 4, text=True,
                       capture_output=True)
        v_initial = counted(lambda: subprocess.run(['vdirsyncer', 'sync'], env=venv, check=True,
                                                   capture_output=True))

        # One change, alternately, median of the rounds.
        c_inc, v_inc = [], []
        for r in range(args.rounds):
            changed = os.path.join(root, f'changed-{r}.ics')
            with open(changed, 'w') as f:
                f.write(calendar([evening(7, version=r + 1)]))
            subprocess.run([args.program, '--import-ics', changed], env=a, check=True, capture_output=True)
            c_inc.append(counted(lambda: subprocess.run([args.program, '--sync'], env=a, check=True,
                                                        capture_output=True)))
            with open(os.path.join(local, 'bench-7.ics'), 'w') as f:
                f.write(calendar([evening(7, version=r + 1)]))
            v_inc.append(counted(lambda: subprocess.run(['vdirsyncer', 'sync'], env=venv, check=True,
                                                        capture_output=True)))

        def med(values, k):
            return statistics.median(v[k] for v in values)

        print(f'calendar sync against Radicale on loopback, {args.evenings} evenings, '
              f'incremental: median of {args.rounds} alternating rounds')
        print('| | Closeness | vdirsyncer 0.19 | ratio |')
        print('|---|---|---|---|')
        print(f'| initial sync, wall time | {c_initial[0]:.1f} s | {v_initial[0]:.1f} s | '
              f'{c_initial[0] / v_initial[0]:.2f}× |')
        print(f'| initial sync, requests | {c_initial[1]} | {v_initial[1]} | '
              f'{c_initial[1] / v_initial[1]:.2f}× |')
        print(f'| one change, wall time | {med(c_inc, 0) * 1000:.0f} ms | {med(v_inc, 0) * 1000:.0f} ms | '
              f'{med(c_inc, 0) / med(v_inc, 0):.2f}× |')
        print(f'| one change, requests | {med(c_inc, 1):.0f} | {med(v_inc, 1):.0f} | '
              f'{med(c_inc, 1) / med(v_inc, 1):.2f}× |')
        print(f'RESULT sync-initial-seconds {c_initial[0]:.2f} s <=vdirsyncer:{v_initial[0]:.2f}')
        print(f'RESULT sync-initial-requests {c_initial[1]} requests <=vdirsyncer:{v_initial[1]}')
        print(f'RESULT sync-one-change-ms {med(c_inc, 0) * 1000:.0f} ms <=vdirsyncer:{med(v_inc, 0) * 1000:.0f}')
        print(f'RESULT sync-one-change-requests {med(c_inc, 1):.0f} requests <=3')
    finally:
        proxy.shutdown()
        radicale.terminate()
        radicale.wait()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
