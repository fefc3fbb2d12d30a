"""What the sync tests and the sync benchmark share: TAP checks, a free
loopback port, a Radicale of their own (and its couple items read and put
back, as a server could), a profile's private folders, and a proxy in front
of the server that counts requests and can misbehave."""

import http.client
import http.server
import os
import socket
import socketserver
import subprocess
import threading
import time

count = 0
failed = 0


def check(what, ok, detail=''):
    """One TAP line; the detail is printed only when the check fails."""
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


def start_radicale(root, users=None):
    """Radicale on a free 127.0.0.1 port, storing under ROOT/server; the
    server's own configuration comes from a home of its own. USERS, a dict
    of names and passwords, makes it ask for them; else anyone may in."""
    port = free_port()
    auth = ['--auth-type', 'none']
    if users:
        htpasswd = os.path.join(root, 'htpasswd')
        with open(htpasswd, 'w') as f:
            f.writelines(f'{name}:{password}\n' for name, password in users.items())
        auth = ['--auth-type', 'htpasswd', '--auth-htpasswd-filename', htpasswd,
                '--auth-htpasswd-encryption', 'plain']
    env = dict(os.environ, HOME=root)
    for key in ('XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME'):
        env.pop(key, None)
    process = subprocess.Popen(['radicale', '--config', '', '--server-hosts', f'127.0.0.1:{port}',
                                *auth, '--storage-filesystem-folder',
                                os.path.join(root, 'server')],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return process, port


def bucket_files(root):
    """{path: bytes} of every bucket item in the server's folder."""
    found = {}
    for folder, _, names in os.walk(os.path.join(root, 'server')):
        for name in names:
            if name.endswith('.ics') and '.Radicale.cache' not in folder:
                with open(os.path.join(folder, name), 'rb') as f:
                    data = f.read()
                if b'X-CLOSENESS-VAULT:' in data and b'X-CLOSENESS-VAULT:Q0xD' not in data:
                    found[os.path.join(folder, name)] = data
    return found


def put_back(root, port, path, data):
    """The server (anyone with the account) puts DATA back at PATH's item."""
    href = '/' + os.path.relpath(path, os.path.join(root, 'server', 'collection-root'))
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
    connection.request('GET', href)
    answer = connection.getresponse()
    answer.read()
    etag = answer.getheader('ETag')
    connection.request('PUT', href, body=data,
                       headers={'If-Match': etag, 'Content-Type': 'text/calendar; charset=utf-8'})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer.status



def put_back_older(root, port, change):
    """Runs CHANGE (a change, synced), then puts back every bucket item it
    changed as it was before, as a server could; returns the statuses."""
    earlier = bucket_files(root)
    change()
    return [put_back(root, port, path, earlier[path]) for path, data in bucket_files(root).items()
            if path in earlier and earlier[path] != data]


def join(run, env, partner, approver_env):
    """--join on ENV as PARTNER, --approve-device of the number it prints on
    APPROVER_ENV (after its --devices), then --sync on ENV; RUN runs the
    program. Returns (asked, number, listed, approved, synced)."""
    asked = run(env, '--join', '--partner', partner)
    number = asked.stdout.strip().splitlines()[-1] if asked.stdout.strip() else ''
    listed = run(approver_env, '--devices')
    approved = run(approver_env, '--approve-device', number)
    synced = run(env, '--sync')
    return asked, number, listed, approved, synced

def start_xandikos(root):
    """Xandikos on a free 127.0.0.1 port, storing under ROOT/server, with
    its default principal and calendar home."""
    port = free_port()
    process = subprocess.Popen(['xandikos', '-d', os.path.join(root, 'server'), '-l', '127.0.0.1',
                                '-p', str(port), '--defaults'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port)
    return process, port


def wait_for_port(port):
    for _ in range(200):
        try:
            socket.create_connection(('127.0.0.1', port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)


def start_server(kind, root):
    """KIND ('radicale' or 'xandikos', as in the test's name) on loopback."""
    if kind == 'xandikos':
        return start_xandikos(root)
    return start_radicale(root)


def server_kind():
    """The server a test runs against: CLOSENESS_TEST_SERVER, else Radicale."""
    return os.environ.get('CLOSENESS_TEST_SERVER', 'radicale')


def server_events(url, calendar_name='Closeness'):
    """The iCalendar text of every item in the named calendar, as any
    client reads it over CalDAV (the same for every server)."""
    import caldav
    client = caldav.DAVClient(url=url, username='couple', password='any')
    calendars = [c for c in client.principal().calendars() if c.name == calendar_name]
    if not calendars:
        return []
    return [event.data for event in calendars[0].events()]


def profile_env(root, name):
    """The environment of a laptop: its own data, config, cache and state."""
    env = dict(os.environ)
    for kind in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        env[f'XDG_{kind}_HOME'] = os.path.join(root, name, kind.lower())
    env['GIO_USE_PROXY_RESOLVER'] = 'dummy'
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    return env


def in_own_session(flag='CLOSENESS_KEYRING_SESSION'):
    """Runs the calling script again inside dbus-run-session (a keyring
    daemon of its own goes away with it); returns its exit status, or None
    when already inside."""
    import sys
    if os.environ.get(flag):
        return None
    env = dict(os.environ, **{flag: '1'})
    return subprocess.call(['dbus-run-session', '--', sys.executable, *sys.argv], env=env)


def start_keyring(root):
    """gnome-keyring-daemon with an unlocked login keyring kept under
    ROOT/keyring (an empty keyring password would make it ask on screen).
    Returns (started, stderr)."""
    home = os.path.join(root, 'keyring')
    runtime = os.path.join(root, 'keyring-run')
    os.makedirs(home)
    os.makedirs(runtime, mode=0o700)
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=os.path.join(home, 'data'),
               XDG_RUNTIME_DIR=runtime)
    started = subprocess.run(['gnome-keyring-daemon', '--unlock', '--components=secrets'],
                             input='keyring of the test', env=env, capture_output=True, text=True,
                             timeout=30)
    return started.returncode == 0, started.stderr


class Proxy:
    """A proxy in front of the server on TARGET_PORT. It counts requests;
    FAULT, when set, may answer for the server: it gets the handler and
    returns True when it answered."""

    def __init__(self, target_port, fault=None):
        self.requests = 0
        self.fault = fault
        lock = threading.Lock()
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, *a):
                pass

            def answer_empty(self, status):
                self.send_response(status, 'Injected')
                self.send_header('Content-Length', '0')
                self.end_headers()

            def relay(self):
                with lock:
                    proxy.requests += 1
                length = int(self.headers.get('Content-Length') or 0)
                body = self.rfile.read(length) if length else None
                self.body = body
                if proxy.fault is not None and proxy.fault(self):
                    return
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ('host', 'connection')}
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

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_MKCALENDAR = relay
            do_OPTIONS = do_HEAD = do_POST = do_PROPPATCH = do_MKCOL = relay

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(('127.0.0.1', free_port()), Handler)
        self.port = self.server.server_address[1]
        self.url = f'http://127.0.0.1:{self.port}/'
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def counted(self, fn):
        """Runs FN; returns (seconds, requests it made)."""
        self.requests = 0
        started = time.monotonic()
        fn()
        return time.monotonic() - started, self.requests

    def close(self):
        self.server.shutdown()
